import { integer, type ReferenceConfig, text } from "drizzle-orm/sqlite-core";

/**
 * The columns of a table whose rows are edited under optimistic versioning: made at, last
 * changed at, and the version a change must name (starting at 1). A function: every table gets
 * column builders of its own.
 */
export function versionedColumns() {
  return {
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    version: integer("version").notNull().default(1),
  };
}

/** {@link versionedColumns} and `deleted_at`, the soft delete of a record kind (null while live). */
export function recordColumns() {
  return { ...versionedColumns(), deletedAt: integer("deleted_at") };
}

/**
 * A required reference to another table's row: a `text` column `name`, not null, with a foreign
 * key to `target` and its `actions` (e.g. `{ onDelete: "cascade" }`).
 */
export function requiredRef(
  name: string,
  target: ReferenceConfig["ref"],
  actions?: ReferenceConfig["actions"],
) {
  return text(name).notNull().references(target, actions);
}
