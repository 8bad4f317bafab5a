import { integer, type ReferenceConfig, text } from "drizzle-orm/sqlite-core";
import { users } from "../db/schema/users.ts";

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

/**
 * The columns of an entry on a record's timeline (never edited): its id, when it was made and
 * by whom (the actor's id, null for the system, and the label shown for them).
 */
export function entryColumns() {
  return {
    id: text("id").primaryKey(),
    at: integer("at").notNull(),
    actorId: text("actor_id"),
    actorLabel: text("actor_label").notNull(),
  };
}

/**
 * {@link entryColumns} of a record's history (see `historyEntry`): what `kind` of entry, its
 * text (blank unless given) and the change it records (`from_value` → `to_value`).
 */
export function historyColumns<U extends string, K extends Readonly<[U, ...U[]]>>(kinds: K) {
  return {
    ...entryColumns(),
    kind: text("kind", { enum: kinds }).notNull(),
    body: text("body").notNull().default(""),
    fromValue: text("from_value"),
    toValue: text("to_value"),
  };
}

/** The user a row belongs to (`user_id`): the row is deleted with them. */
export function userRef() {
  return requiredRef("user_id", () => users.id, { onDelete: "cascade" });
}

/** The columns of a row a user holds (a token, a passkey, a notification): its id and {@link userRef}. */
export function userRowColumns() {
  return { id: text("id").primaryKey(), userId: userRef() };
}
