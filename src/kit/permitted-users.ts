import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { ROLES, users } from "../db/schema/users.ts";
import { type Action, type Resource, rolesAllowed } from "./rbac.ts";

/** The ids of the active users whose role may do `action` on `resource` (who to ask for a decision). */
export async function activeUsersAllowed(
  db: Pick<Db, "select">,
  action: Action,
  resource: Resource,
): Promise<string[]> {
  const roles = rolesAllowed(ROLES, action, resource);
  if (roles.length === 0) return [];
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.role, roles), eq(users.isActive, true)));
  return rows.map((row) => row.id);
}
