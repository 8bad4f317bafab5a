import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";
import { attackTechniques } from "./attack-schema.ts";

/** The kinds of record that name ATT&CK techniques. */
export const TECHNIQUE_LINK_KINDS = ["alert", "incident", "threat", "vulnerability", "risk"] as const;

/** A kind of record naming techniques. */
export type TechniqueLinkKind = (typeof TECHNIQUE_LINK_KINDS)[number];

/**
 * Records naming ATT&CK techniques: record kind + record id + technique. `at` is when the
 * record happened (an alert's first raise, an incident's detection), which the matrix
 * counts by period.
 */
export const techniqueLinks = sqliteTable(
  "technique_links",
  {
    kind: text("kind", { enum: TECHNIQUE_LINK_KINDS }).notNull(),
    recordId: text("record_id").notNull(),
    techniqueId: requiredRef("technique_id", () => attackTechniques.id),
    at: integer("at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.recordId, t.techniqueId] }),
    index("technique_links_technique_idx").on(t.techniqueId, t.at),
    index("technique_links_at_idx").on(t.at, t.kind),
  ],
);
