import type { Db } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import type { Bus, Topic } from "../realtime/bus.ts";
import type { Actor } from "./actor.ts";
import {
  type AuditInput,
  type AuditWriter,
  type Changes,
  type RequestFacts,
  recordAudit,
  writeAudited,
} from "./audit.ts";

/** What recording a change to a record needs: the database (the change and its audit entry) and the bus. */
export interface RecordEventDeps {
  db: Db;
  bus?: Bus;
}

/** A kind of record: the resource type its audit entries name and the bus topic it is announced on. */
export interface RecordKind {
  resourceType: string;
  topic: Topic;
}

/** One change to a record, for the audit trail and then the bus. */
export interface RecordChange {
  actor: Actor;
  request?: RequestFacts;
  /** The record's id. */
  id: string;
  /** The audit action, e.g. `incident.update`. */
  action: string;
  changes: Changes;
  /** The bus event, e.g. `incident.updated`. */
  event: string;
  /** Published with the id, e.g. the version the record is at now. */
  data?: Record<string, unknown>;
}

function auditEntry(kind: RecordKind, change: RecordChange): AuditInput {
  return {
    actor: change.actor,
    action: change.action,
    resourceType: kind.resourceType,
    resourceId: change.id,
    changes: change.changes,
    request: change.request,
  };
}

/**
 * Writes the audit entry of `change` with `tx`, the transaction making the change, so both
 * commit or neither does. For a transaction holding several changes, or a change that turns
 * out to be none; otherwise `commitChange` does it all.
 */
export async function auditChange(tx: AuditWriter, kind: RecordKind, change: RecordChange): Promise<void> {
  await recordAudit(tx, auditEntry(kind, change));
}

/** Announces `change` on the bus; only once the transaction that made it has committed. */
export function announceChange(bus: Bus | undefined, kind: RecordKind, change: RecordChange): void {
  bus?.publish(kind.topic, change.event, { id: change.id, ...change.data });
}

/**
 * Makes one change to a record: `write` and the change's audit entry in one transaction,
 * then, once it has committed, the announcement on the bus. `write` touches only the
 * database. Returns what `write` returned.
 */
export async function commitChange<T>(
  deps: RecordEventDeps,
  kind: RecordKind,
  change: RecordChange,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  const result = await writeAudited(deps.db, auditEntry(kind, change), write);
  announceChange(deps.bus, kind, change);
  return result;
}
