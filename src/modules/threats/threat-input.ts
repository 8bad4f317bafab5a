import { z } from "zod";
import { choiceField, descriptionField } from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { techniqueIdsField } from "../../lib/technique-ids.ts";
import { THREAT_CATEGORIES } from "./schema.ts";

/** A threat's fields as an edit gives them; a new threat defaults its description and techniques. */
const fields = {
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  category: choiceField(THREAT_CATEGORIES, "category"),
  description: descriptionField,
  techniques: techniqueIdsField,
};

/** A new threat of the organisation's own. */
export const newThreatSchema = z.object({
  ...fields,
  description: descriptionField.default(""),
  techniques: techniqueIdsField.default([]),
});

/** A new threat as parsed. */
export type NewThreat = z.infer<typeof newThreatSchema>;

/** Changes to a threat, against the version read; `techniques` replaces the whole set. */
export const threatPatchSchema = z.object({ version: versionField(), ...z.object(fields).partial().shape });

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
