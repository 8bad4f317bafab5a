import type { Db } from "../db/client.ts";
import type { Tx } from "../db/transaction.ts";
import { type Bus, TOPIC_RESOURCE, type Topic } from "../realtime/bus.ts";
import type { Actor } from "./actor.ts";
import {
  type AuditInput,
  type AuditWriter,
  type Changes,
  type RequestFacts,
  recordAudit,
  writeAudited,
} from "./audit.ts";
import type { Resource } from "./rbac.ts";
import { createdChanges } from "./record-changes.ts";
import { type SearchSource, type SearchWriter, syncSearchEntry } from "./search-index.ts";

/** What recording a change to a record needs: the database (the change and its audit entry) and the bus. */
export interface RecordEventDeps {
  db: Db;
  bus?: Bus;
}

/**
 * A kind of record: the resource type its audit entries name, the bus topic it is announced
 * on and, when it is searchable, what of it the search index holds (kept in step by every
 * change recorded through `auditChange` or `commitChange`).
 */
export interface ChangeKind {
  resourceType: string;
  topic: Topic;
  search?: SearchSource;
}

/** The RBAC resource of a kind's records: the one its topic's subscribers must read (`TOPIC_RESOURCE`). */
export function resourceOf(kind: ChangeKind): Resource {
  return TOPIC_RESOURCE[kind.topic];
}

/**
 * How the changes of a record kind (its names, see `RecordKind`) are audited (`<one>.<action>`),
 * announced (on its `many` topic) and kept in the search index (`search`, for a searchable kind).
 */
export function changeKindOf(kind: { one: string; many: Topic }, search?: SearchSource): ChangeKind {
  return { resourceType: kind.one, topic: kind.many, search };
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

/**
 * The change of record `id` just created by `actor`: audited as `<type>.create` with each of
 * `values` from null to its value, announced as `<type>.created` at version 1.
 */
export function createdChange(
  kind: ChangeKind,
  actor: Actor,
  id: string,
  values: Record<string, unknown>,
  request?: RequestFacts,
): RecordChange {
  const type = kind.resourceType;
  return {
    actor,
    request,
    id,
    action: `${type}.create`,
    changes: createdChanges(values),
    event: `${type}.created`,
    data: { version: 1 },
  };
}

function auditEntry(kind: ChangeKind, change: RecordChange): AuditInput {
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
 * Writes the audit entry of `change` with `tx`, the transaction making the change (after
 * the change itself), and brings the record's search index row in step, so all commit or
 * none does. For a transaction holding several changes, or a change that turns out to be
 * none; otherwise `commitChange` does it all.
 */
export async function auditChange(
  tx: AuditWriter & SearchWriter,
  kind: ChangeKind,
  change: RecordChange,
): Promise<void> {
  await recordAudit(tx, auditEntry(kind, change));
  if (kind.search) await syncSearchEntry(tx, kind.search, change.id);
}

/** Announces `change` on the bus; only once the transaction that made it has committed. */
export function announceChange(bus: Bus | undefined, kind: ChangeKind, change: RecordChange): void {
  bus?.publish(kind.topic, change.event, { id: change.id, ...change.data });
}

/**
 * Makes one change to a record: `write`, the change's audit entry and its search index row
 * in one transaction, then, once it has committed, the announcement on the bus. `write` touches only the
 * database. Returns what `write` returned.
 */
export async function commitChange<T>(
  deps: RecordEventDeps,
  kind: ChangeKind,
  change: RecordChange,
  write: (tx: Tx) => Promise<T>,
): Promise<T> {
  const search = kind.search;
  const result = await writeAudited(deps.db, auditEntry(kind, change), async (tx) => {
    const written = await write(tx);
    if (search) await syncSearchEntry(tx, search, change.id);
    return written;
  });
  announceChange(deps.bus, kind, change);
  return result;
}
