import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema/users.ts";
import { Validation } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import { type Action, assertCan, type Resource, rolesAllowed } from "./rbac.ts";

/**
 * Refuses (422 on `field`) a user id that names no active user: a record is assigned to
 * or owned by people who can still sign in. No id (nobody) is fine.
 */
export async function assertActiveUser(
  db: Pick<Db, "select">,
  userId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!userId) return;
  const [user] = await db
    .select({ isActive: users.isActive })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user?.isActive) throw new Validation({ [field]: "Choose an active user." });
}

/**
 * Active people by display name, for choosing an assignee: only ids and names, so any
 * role that may assign work can read it (the full user list stays admin-only).
 */
export async function activePeople(db: Pick<Db, "select">): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(eq(users.isActive, true))
    .orderBy(asc(users.displayName));
}

/** A person a form offers; `inactive` for one who can no longer sign in (the assignee or owner a record names now). */
export interface ChoosablePerson {
  id: string;
  name: string;
  inactive?: true;
}

/**
 * {@link activePeopleFor}, and `current` (whom the record edited names now) when no longer
 * active, marked `inactive`: a save that does not touch the field keeps them (choosing them
 * for another record is still refused, by the service).
 */
export async function peopleToChoose(
  db: Pick<Db, "select">,
  actor: Actor,
  resource: Resource,
  current: string | null | undefined,
): Promise<ChoosablePerson[]> {
  const people = await activePeopleFor(db, actor, resource);
  if (!current || people.some((p) => p.id === current)) return people;
  const [user] = await db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(eq(users.id, current))
    .limit(1);
  return user ? [...people, { ...user, inactive: true }] : people;
}

/** {@link activePeople} for an actor who may read `resource` (403 otherwise): whom a record's form or filter offers. */
export async function activePeopleFor(
  db: Pick<Db, "select">,
  actor: Actor,
  resource: Resource,
): Promise<{ id: string; name: string }[]> {
  assertCan(actor, "read", resource);
  return activePeople(db);
}

/** The ids of the active users whose role may do `action` on `resource` (who to ask for a decision). */
export async function activeUsersAllowed(
  db: Pick<Db, "select">,
  action: Action,
  resource: Resource,
): Promise<string[]> {
  const roles = rolesAllowed(action, resource);
  if (roles.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.isActive, true)));
  return rows.map((row) => row.id);
}
