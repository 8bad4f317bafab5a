import type { Role } from "../db/schema/users.ts";
import { Forbidden } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";

/** What an actor can act on. */
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
  "risks",
  "compliance",
  "vendors",
] as const;

/** What an actor can do. */
export const ACTIONS = ["read", "create", "update", "delete", "approve", "publish", "control"] as const;

/** A resource name. */
export type Resource = (typeof RESOURCES)[number];
/** An action name. */
export type Action = (typeof ACTIONS)[number];

type Grants = Partial<Record<Resource, readonly Action[]>>;

const READ: readonly Action[] = ["read"];
const WRITE: readonly Action[] = ["read", "create", "update"];
const ALL: readonly Action[] = ACTIONS;

const viewer: Grants = {
  system: READ,
  tokens: ["read", "create", "delete"],
  processes: READ,
  windows: READ,
  network: READ,
  incidents: READ,
  alerts: READ,
  rules: READ,
  cases: READ,
  vulnerabilities: READ,
  assets: READ,
  documents: READ,
  notifications: ["read", "update"],
  risks: READ,
  compliance: READ,
  vendors: READ,
};

const analyst: Grants = {
  ...viewer,
  incidents: WRITE,
  alerts: WRITE,
  cases: WRITE,
  vulnerabilities: WRITE,
  assets: WRITE,
  documents: WRITE,
};

const manager: Grants = {
  ...analyst,
  documents: ["read", "create", "update", "approve", "publish"],
  rules: ["read", "create", "update", "delete"],
  risks: ["read", "create", "update", "delete"],
  compliance: ["read", "create", "update", "delete"],
  vendors: ["read", "create", "update", "delete"],
};

/**
 * THE permission table: role × resource × actions. Deny unless listed. Admins hold
 * everything, including users, settings, the audit log, process and window control
 * and scans; nothing else grants those.
 */
export const PERMISSIONS: Readonly<Record<Role, Grants>> = {
  admin: Object.fromEntries(RESOURCES.map((r) => [r, ALL])) as Grants,
  manager,
  analyst,
  viewer,
};

/** True when `actor` may do `action` on `resource`. System actions (Warden itself) are always allowed. */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.type === "system") return true;
  return PERMISSIONS[actor.role][resource]?.includes(action) ?? false;
}

/** Throws Forbidden unless `actor` may do `action` on `resource`. */
export function assertCan(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource))
    throw new Forbidden(`Your role does not allow ${action} on ${resource}.`);
}
