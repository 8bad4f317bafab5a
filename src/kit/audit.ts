import { and, desc, gte, lte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { type AuditEntry, auditLog } from "../db/schema/audit-log.ts";
import type { Tx } from "../db/transaction.ts";
import { equalityCondition, type Page } from "../lib/list-query.ts";
import { isSecretName, MASK } from "../lib/secrets.ts";
import type { Actor } from "./actor.ts";
import { countRows } from "./count-rows.ts";
import { assertCan } from "./rbac.ts";

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

/** Replaces the values of secret-looking fields by a mask, so the trail never stores a secret. */
export function maskChanges(changes: Changes): Changes {
  const masked: Changes = {};
  for (const [field, change] of Object.entries(changes)) {
    masked[field] = isSecretName(field.split(".").at(-1) ?? field)
      ? { before: change.before == null ? null : MASK, after: change.after == null ? null : MASK }
      : change;
  }
  return masked;
}

/**
 * Where an audit entry is written: the transaction making the change it records (so both
 * commit or neither does), or the database for an action that is not a database change.
 */
export type AuditWriter = Pick<Db, "insert">;

/** Appends an entry to the audit log. Entries are never updated or deleted. */
export async function recordAudit(db: AuditWriter, input: AuditInput): Promise<string> {
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

/**
 * Runs `write` and records `entry` in ONE transaction: the change and its audit entry
 * commit together or not at all. `write` touches only the database (publish, notify or
 * call out after this resolves). Returns what `write` returned.
 */
export function writeAudited<T>(db: Db, entry: AuditInput, write: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const result = await write(tx);
    await recordAudit(tx, entry);
    return result;
  });
}

/** Filters of the audit log listing. */
export const auditQuerySchema = z.object({
  actor: z.string().max(200).optional().describe("Actor id (user id)"),
  action: z.string().max(100).optional(),
  resourceType: z.string().max(100).optional(),
  resourceId: z.string().max(200).optional(),
  from: z.coerce.number().int().min(0).optional().describe("Unix time in ms, inclusive"),
  to: z.coerce.number().int().min(0).optional().describe("Unix time in ms, inclusive"),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/** Lists audit entries (admin), filtered and paginated: a page of them, newest first. */
export async function listAudit(
  db: Db,
  actor: Actor,
  query: z.infer<typeof auditQuerySchema>,
): Promise<Page<AuditEntry>> {
  assertCan(actor, "read", "audit");
  const equal = {
    actor: auditLog.actorId,
    action: auditLog.action,
    resourceType: auditLog.resourceType,
    resourceId: auditLog.resourceId,
  };
  const where = and(
    equalityCondition(equal, query),
    query.from !== undefined ? gte(auditLog.at, query.from) : undefined,
    query.to !== undefined ? lte(auditLog.at, query.to) : undefined,
  );
  const total = await countRows(db, auditLog, where);
  const items = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { items, total, page: query.page, pageSize: query.pageSize };
}
