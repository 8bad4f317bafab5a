import { z } from "zod";
import { choiceField, descriptionField } from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { techniqueIdsField } from "../../lib/technique-ids.ts";
import { THREAT_CATEGORIES } from "./schema.ts";

const nameField = z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters.");
const category = choiceField(THREAT_CATEGORIES, "category");

/** A new threat of the organisation's own. */
export const newThreatSchema = z.object({
  name: nameField,
  category,
  description: descriptionField.default(""),
  techniques: techniqueIdsField.default([]),
});

/** A new threat as parsed. */
export type NewThreat = z.infer<typeof newThreatSchema>;

/** Changes to a threat, against the version read; `techniques` replaces the whole set. */
export const threatPatchSchema = z.object({
  version: versionField(),
  name: nameField.optional(),
  category: category.optional(),
  description: descriptionField.optional(),
  techniques: techniqueIdsField.optional(),
});

/** A threat patch as parsed. */
export type ThreatPatch = z.infer<typeof threatPatchSchema>;

/** Columns the threat list can be sorted by. */
export const THREAT_SORT = ["name", "category", "createdAt", "updatedAt"] as const;

/** Filters, sort and page (by number or keyset cursor) of the threat list (API, page and export). */
export const threatQuerySchema = recordListQuerySchema(THREAT_SORT, "name", {
  category: z.enum(THREAT_CATEGORIES).optional(),
  deleted: deletedQueryField("threats"),
});

/** A parsed threat query. */
export type ThreatQuery = z.infer<typeof threatQuerySchema>;
