import { ROLES, type Role } from "../db/schema/users.ts";
import { Forbidden } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";

/** What an actor can act on: each resource is owned (its grants declared) by one module. */
export const RESOURCES = [
  "system",
  "users",
  "tokens",
  "audit",
  "settings",
  "processes",
  "windows",
  "network",
  "scans",
  "incidents",
  "alerts",
  "rules",
  "cases",
  "vulnerabilities",
  "assets",
  "documents",
  "notifications",
  "threats",
  "risks",
  "hosts",
  "vendors",
] as const;

/** What an actor can do. */
export const ACTIONS = ["read", "create", "update", "delete", "approve", "publish", "control"] as const;

/** A resource name. */
export type Resource = (typeof RESOURCES)[number];
/** An action name. */
export type Action = (typeof ACTIONS)[number];

/** Reading only. */
export const READ: readonly Action[] = ["read"];
/** Reading, creating and updating (no deleting, approving or controlling). */
export const WRITE: readonly Action[] = ["read", "create", "update"];

/** Role × resource × actions: deny unless listed. */
export type PermissionTable = Readonly<Record<Role, Readonly<Partial<Record<Resource, readonly Action[]>>>>>;

let installed: PermissionTable | null = null;

/**
 * Installs THE permission table, assembled from the module declarations
 * (`permissionsOf(MODULES)`); `createApp` does, before any request. Kept here rather than
 * imported so that the kit never imports a module.
 */
export function installPermissions(table: PermissionTable): void {
  installed = table;
}

function table(): PermissionTable {
  if (!installed)
    throw new Error("No permission table: createApp installs the one assembled from src/modules.");
  return installed;
}

/** True when `actor` may do `action` on `resource`. System actions (Warden itself) are always allowed. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.type === "system") return true;
  return table()[actor.role][resource]?.includes(action) ?? false;
}

/** Throws Forbidden unless `actor` may do `action` on `resource`. */
export function assertCan(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource))
    throw new Forbidden(`Your role does not allow ${action} on ${resource}.`);
}

/** The roles that may do `action` on `resource`, in `ROLES` order (for the API reference). */
export function rolesAllowed(action: Action, resource: Resource): Role[] {
  return ROLES.filter((role) => table()[role][resource]?.includes(action));
}
