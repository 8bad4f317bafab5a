import { z } from "zod";
import { descriptionField, recordIdField, statusMoveSchema, titleField } from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { CASE_STATUSES } from "./cases-schema.ts";

const alertIds = z
  .array(recordIdField)
  .max(500, "Group at most 500 alerts at once.")
  .describe("Ids of the alerts to group (each may be in one case only)");

/** A new case, usually from alerts selected in the queue. */
export const newCaseSchema = z.object({
  title: titleField,
  description: descriptionField.default(""),
  ownerId: recordIdField.nullable().default(null).describe("User id of the owner"),
  alertIds: alertIds.default([]),
});

/** Changes to a case against the version read. */
export const casePatchSchema = z.object({
  version: versionField(),
  title: titleField.optional(),
  description: descriptionField.optional(),
  ownerId: recordIdField.nullable().optional(),
});

/** A move in the case workflow. */
export const caseStatusSchema = statusMoveSchema(CASE_STATUSES);

/** Alerts merged into a case. */
export const mergeAlertsSchema = z.object({
  alertIds: alertIds.min(1, "Choose at least one alert."),
});

/** Columns the case list can be sorted by. */
export const CASE_SORT = ["createdAt", "updatedAt", "status", "title"] as const;

/** Filters, sort and page of the case list (API, page and export). */
export const caseQuerySchema = recordListQuerySchema(CASE_SORT, "-createdAt", {
  status: z.enum(CASE_STATUSES).optional(),
  ownerId: z.string().max(64).optional().describe('A user id, or "none" for cases without an owner'),
  deleted: deletedQueryField("cases"),
});

/** A parsed case query. */
export type CaseQuery = z.infer<typeof caseQuerySchema>;
