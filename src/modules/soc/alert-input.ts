import { z } from "zod";
import * as inputs from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { techniqueIdsField } from "../../lib/technique-ids.ts";
import { ALERT_SOURCES, ALERT_STATUSES } from "./alerts-schema.ts";

const severity = inputs.choiceField(SEVERITIES, "severity");
/**
 * The most a context snapshot may weigh once serialised (it is copied into incident timelines),
 * as raised and as stored after raises of one dedup key are merged.
 */
export const CONTEXT_MAX_CHARS = 200_000;

/** What an external system sends to raise an alert (`POST /api/v1/soc/alerts`; the source is `api`). */
export const raiseAlertSchema = z.object({
  title: inputs.titleField,
  description: inputs.descriptionField.default(""),
  severity,
  dedupKey: z
    .string()
    .trim()
    .min(1, "Leave the key out, or give at least one character.")
    .max(200, "Use at most 200 characters.")
    .optional()
    .describe("While an alert with this key is open, raising it again counts on that alert"),
  host: z.string().trim().max(255, "Use at most 255 characters.").nullable().optional(),
  techniques: techniqueIdsField.optional(),
  context: z
    .record(z.string(), z.unknown())
    .refine((value) => JSON.stringify(value).length <= CONTEXT_MAX_CHARS, {
      error: `Keep the context under ${CONTEXT_MAX_CHARS.toLocaleString("en")} characters of JSON.`,
    })
    .optional()
    .describe(
      "A JSON object: the snapshot shown on the alert and copied into the incident it is escalated to. " +
        "Raised again under an open dedup key, it is merged into the stored one (JSON merge patch) while " +
        `the result stays within ${CONTEXT_MAX_CHARS.toLocaleString("en")} characters; otherwise it replaces ` +
        "it, and its `droppedContext` field says how much earlier context was dropped.",
    ),
});

/** The raise as the services take it (rules and the scanner name their source). */
export const raiseInputSchema = raiseAlertSchema.extend({
  source: inputs.choiceField(ALERT_SOURCES, "source"),
});

/** Changes to an alert: what it is about, how bad, who has it; against the version read. */
export const alertPatchSchema = z.object({
  version: versionField(),
  title: inputs.titleField.optional(),
  description: inputs.descriptionField.optional(),
  severity: severity.optional(),
  assignedTo: inputs.recordIdField.nullable().optional().describe("User id of the assignee; null: nobody"),
});

/** A status change (acknowledge, close, false positive, reopen), optionally with a note. */
export const alertStatusSchema = inputs.statusMoveSchema(ALERT_STATUSES).extend({
  note: z.string().trim().max(10_000, "Use at most 10,000 characters.").optional(),
});

/** Escalating: to a new incident (no `incidentId`) or onto an existing one. */
export const escalateSchema = z.object({
  incidentId: inputs.recordIdField
    .optional()
    .describe("Attach to this incident instead of opening a new one"),
  version: versionField("The version read; a stale one is refused with 409"),
});

/** A note on an alert or a case (markdown). */
export { noteSchema } from "../../kit/record-inputs.ts";

/** Columns the alert queue can be sorted by. */
export const ALERT_SORT = ["lastSeen", "firstSeen", "severity", "status", "count", "title"] as const;

/** Filters, sort and page of the alert queue (API, page and export). */
export const alertQuerySchema = recordListQuerySchema(ALERT_SORT, "-lastSeen", {
  status: z
    .enum([...ALERT_STATUSES, "open"])
    .optional()
    .describe('A status, or "open" for new, acknowledged and escalated'),
  severity: z.enum(SEVERITIES).optional(),
  source: z.enum(ALERT_SOURCES).optional(),
  host: z.string().trim().max(255).optional(),
  assignedTo: inputs.assigneeFilter,
  deleted: deletedQueryField("alerts"),
});

/** A parsed alert query. */
export type AlertQuery = z.infer<typeof alertQuerySchema>;
