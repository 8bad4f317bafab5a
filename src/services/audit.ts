import type { Db } from "../db/client.ts";
import { auditLog } from "../db/schema/audit-log.ts";
import type { Actor } from "./actor.ts";

/** Before/after values of each changed field. */
export type Changes = Record<string, { before: unknown; after: unknown }>;

/** Request facts recorded with an audited action, when it came through HTTP. */
export interface RequestFacts {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

/** One action to record. */
export interface AuditInput {
  actor: Actor;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  changes?: Changes | null;
  request?: RequestFacts;
}

const SECRET_FIELD = /secret|password|token|apikey|privatekey/i;

/** Replaces the values of secret-looking fields by a mask, so the trail never stores a secret. */
export function maskChanges(changes: Changes): Changes {
  const masked: Changes = {};
  for (const [field, change] of Object.entries(changes)) {
    masked[field] = SECRET_FIELD.test(field.split(".").at(-1) ?? field)
      ? { before: change.before == null ? null : "********", after: change.after == null ? null : "********" }
      : change;
  }
  return masked;
}

/** Appends an entry to the audit log. Entries are never updated or deleted. */
export async function recordAudit(db: Db, input: AuditInput): Promise<string> {
  const id = Bun.randomUUIDv7();
  await db.insert(auditLog).values({
    id,
    at: Date.now(),
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    changes: input.changes ? maskChanges(input.changes) : null,
    ip: input.request?.ip ?? null,
    userAgent: input.request?.userAgent ?? null,
    requestId: input.request?.requestId ?? null,
  });
  return id;
}
