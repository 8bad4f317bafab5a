import {
  index,
  integer,
  primaryKey,
  type SQLiteColumnBuilderBase,
  sqliteTable,
  text,
} from "drizzle-orm/sqlite-core";
import { requiredRef } from "../../kit/table-columns.ts";

/*
 * The MITRE ATT&CK catalog as imported from a STIX 2.1 bundle. Rows are keyed by their STIX
 * id (stable across ATT&CK releases); `attack_id` is the id people use (TA0002, T1059.001,
 * M1038). An import never deletes: a technique MITRE revokes stays, flagged, with its links.
 */

/**
 * The columns of an ATT&CK object: its STIX id and ATT&CK id, its own `columns`, then its
 * STIX state (revoked, deprecated, when MITRE last modified it, the ATT&CK spec version).
 */
function attackObjectColumns<T extends Record<string, SQLiteColumnBuilderBase>>(columns: T) {
  return {
    id: text("id").primaryKey(),
    attackId: text("attack_id").notNull(),
    ...columns,
    revoked: integer("revoked", { mode: "boolean" }).notNull().default(false),
    deprecated: integer("deprecated", { mode: "boolean" }).notNull().default(false),
    modified: text("modified").notNull().default(""),
    stixVersion: text("stix_version").notNull().default(""),
  };
}

/** The name and description every ATT&CK object has. */
function describedColumns() {
  return { name: text("name").notNull(), description: text("description").notNull().default("") };
}

/** ATT&CK tactics (matrix columns), in the matrix's order. */
export const attackTactics = sqliteTable(
  "attack_tactics",
  attackObjectColumns({
    shortname: text("shortname").notNull(),
    ...describedColumns(),
    /** Position in the matrix (its `tactic_refs`), from 0. */
    position: integer("position").notNull(),
  }),
);

/** A tactic row. */
export type AttackTactic = typeof attackTactics.$inferSelect;

/** ATT&CK techniques and sub-techniques; `tactics` are the shortnames of their kill chain phases. */
export const attackTechniques = sqliteTable(
  "attack_techniques",
  attackObjectColumns({
    ...describedColumns(),
    tactics: text("tactics", { mode: "json" }).$type<string[]>().notNull(),
    platforms: text("platforms", { mode: "json" }).$type<string[]>().notNull(),
    isSubtechnique: integer("is_subtechnique", { mode: "boolean" }).notNull().default(false),
    /** The parent technique's STIX id (a `subtechnique-of` relationship). */
    parentId: text("parent_id"),
  }),
  (t) => [index("attack_techniques_attack_id_idx").on(t.attackId)],
);

/** A technique row. */
export type AttackTechnique = typeof attackTechniques.$inferSelect;

/** ATT&CK mitigations (STIX `course-of-action`). */
export const attackMitigations = sqliteTable("attack_mitigations", attackObjectColumns(describedColumns()));

/** A mitigation row. */
export type AttackMitigation = typeof attackMitigations.$inferSelect;

/** `mitigates` relationships: which mitigation covers which technique. */
export const attackMitigates = sqliteTable(
  "attack_mitigates",
  {
    mitigationId: requiredRef("mitigation_id", () => attackMitigations.id),
    techniqueId: requiredRef("technique_id", () => attackTechniques.id),
  },
  (t) => [
    primaryKey({ columns: [t.mitigationId, t.techniqueId] }),
    index("attack_mitigates_technique_idx").on(t.techniqueId),
  ],
);
