import type { Db } from "../db/client.ts";
import type { Bus, Topic } from "../realtime/bus.ts";
import type { Actor } from "./actor.ts";
import { type Changes, type RequestFacts, recordAudit } from "./audit.ts";

/** What recording a change to a record needs: the database (audit log) and the bus. */
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

/** Audits a change to a record, then announces it on the bus. */
export async function auditAndAnnounce(
  deps: RecordEventDeps,
  kind: RecordKind,
  change: RecordChange,
): Promise<void> {
  await recordAudit(deps.db, {
    actor: change.actor,
    action: change.action,
    resourceType: kind.resourceType,
    resourceId: change.id,
    changes: change.changes,
    request: change.request,
  });
  deps.bus?.publish(kind.topic, change.event, { id: change.id, ...change.data });
}
