import { aliasedTable, and, count, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import { isUniqueViolation } from "../../db/unique-violation.ts";
import { assertActiveUser } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import type { IncidentStatus } from "../../kit/incident-statuses.ts";
import { type ListCache, readThrough } from "../../kit/list-cache.ts";
import { assertCan } from "../../kit/rbac.ts";
import { changesOf, valuesAfter, withTextElided } from "../../kit/record-changes.ts";
import { announceChange, auditChange, commitChange, type RecordKind } from "../../kit/record-events.ts";
import { findRow, foundOr404, isRecord } from "../../kit/record-lookup.ts";
import { requireVersion, staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import { deletedCondition, restoreDeleted, softDelete } from "../../kit/soft-delete.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { readPage } from "../../lib/list-page.ts";
import { containsText, orderByOf, type Page, rankOf } from "../../lib/list-query.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { fieldErrors } from "../../lib/validation.ts";
import type { Bus } from "../../realtime/bus.ts";
import { incidents } from "../incidents/schema.ts";
import { mergedContext } from "./alert-context.ts";
import type { AlertEvents } from "./alert-events.ts";
import {
  type AlertQuery,
  type alertPatchSchema,
  type alertStatusSchema,
  type noteSchema,
  raiseInputSchema,
} from "./alert-input.ts";
import { ALERT_TRANSITIONS, canMoveAlert } from "./alert-workflow.ts";
import {
  ALERT_STATUSES,
  type Alert,
  type AlertEvent,
  alertEvents,
  alerts,
  OPEN_ALERT_KEY,
  OPEN_ALERT_STATUSES,
} from "./alerts-schema.ts";
import { caseAlerts, cases } from "./cases-schema.ts";

/** What alert services need; `alertEvents` tells the notification system (wired at start). */
export interface AlertDeps {
  db: Db;
  bus?: Bus;
  alertEvents?: AlertEvents;
  /** Recently read queue pages, dropped on every alert event (see ListCache). */
  lists?: ListCache<Page<AlertView>>;
}

/** An alert as the API and pages show it. */
export type AlertView = Omit<Alert, "assignedTo" | "createdBy"> & {
  assignedTo: { id: string; name: string } | null;
  createdBy: { id: string; name: string } | null;
};

/** An alert with its history and where it went (incident, case). */
export type AlertDetails = AlertView & {
  history: AlertEvent[];
  incident: { id: string; title: string; status: IncidentStatus } | null;
  case: { id: string; title: string } | null;
};

/** The alert kind of record: audited as `alert.*`, announced on the `alerts` topic. */
export const ALERT: RecordKind = { resourceType: "alert", topic: "alerts" };

/** The page of alert `id`. */
export function alertLink(id: string): string {
  return `/soc/${id}`;
}

const assignee = aliasedTable(users, "assignee");
const creator = aliasedTable(users, "creator");

const SORT_COLUMNS = {
  lastSeen: alerts.lastSeen,
  firstSeen: alerts.firstSeen,
  severity: rankOf(alerts.severity, SEVERITIES),
  status: rankOf(alerts.status, ALERT_STATUSES),
  count: alerts.count,
  title: sql`${alerts.title} collate nocase`,
};

type Joined = { alert: Alert; assigneeName: string | null; creatorName: string | null };

function toView({ alert, assigneeName, creatorName }: Joined): AlertView {
  return {
    ...alert,
    assignedTo: alert.assignedTo ? { id: alert.assignedTo, name: assigneeName ?? "" } : null,
    createdBy: alert.createdBy ? { id: alert.createdBy, name: creatorName ?? "" } : null,
  };
}

function joined(db: Db) {
  return db
    .select({ alert: alerts, assigneeName: assignee.displayName, creatorName: creator.displayName })
    .from(alerts)
    .leftJoin(assignee, eq(assignee.id, alerts.assignedTo))
    .leftJoin(creator, eq(creator.id, alerts.createdBy));
}

function filtersOf(actor: Actor, query: AlertQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [
    deletedCondition(actor, "alerts", alerts.deletedAt, query.deleted),
  ];
  if (query.status === "open") conditions.push(inArray(alerts.status, OPEN_ALERT_STATUSES));
  else if (query.status) conditions.push(eq(alerts.status, query.status));
  if (query.severity) conditions.push(eq(alerts.severity, query.severity));
  if (query.source) conditions.push(eq(alerts.source, query.source));
  if (query.host) conditions.push(eq(alerts.host, query.host));
  if (query.assignedTo === "none") conditions.push(isNull(alerts.assignedTo));
  else if (query.assignedTo) conditions.push(eq(alerts.assignedTo, query.assignedTo));
  if (query.q) conditions.push(containsText([alerts.title, alerts.description, alerts.dedupKey], query.q));
  return and(...conditions);
}

function sorted(db: Db, where: SQL | undefined, query: AlertQuery) {
  return joined(db)
    .where(where)
    .orderBy(...orderByOf(query.sort, SORT_COLUMNS, alerts.id));
}

/** A page of the alert queue, filtered and sorted (every role that reads alerts). */
export async function listAlerts(deps: AlertDeps, actor: Actor, query: AlertQuery): Promise<Page<AlertView>> {
  assertCan(actor, "read", "alerts");
  const where = filtersOf(actor, query);
  return readThrough(deps.lists, query, async () => {
    const page = await readPage(
      query,
      deps.db.select({ n: count() }).from(alerts).where(where),
      sorted(deps.db, where, query),
    );
    return { ...page, items: page.items.map(toView) };
  });
}

/** Every alert matching the filters (no paging), for an export. */
export async function exportAlerts(deps: AlertDeps, actor: Actor, query: AlertQuery): Promise<AlertView[]> {
  assertCan(actor, "read", "alerts");
  return (await sorted(deps.db, filtersOf(actor, query), query)).map(toView);
}

/** The live alerts matching `where` as shown, most severe first. */
export async function alertViewsWhere(db: Db, where: SQL | undefined): Promise<AlertView[]> {
  const rows = await joined(db)
    .where(and(where, isNull(alerts.deletedAt)))
    .orderBy(SORT_COLUMNS.severity, alerts.firstSeen, alerts.id);
  return rows.map(toView);
}

/** The alert `id` as shown (404 when there is none or it is deleted). */
export async function findAlertView(db: Db, alertId: string): Promise<AlertView> {
  const [row] = await joined(db).where(isRecord(alerts, alertId)).limit(1);
  return toView(foundOr404(row, "alert", alertId));
}

/** One alert with its history, its incident and its case. */
export async function getAlert(deps: AlertDeps, actor: Actor, alertId: string): Promise<AlertDetails> {
  assertCan(actor, "read", "alerts");
  const view = await findAlertView(deps.db, alertId);
  const history = await deps.db
    .select()
    .from(alertEvents)
    .where(eq(alertEvents.alertId, alertId))
    .orderBy(alertEvents.at, alertEvents.id);
  const [incident] = view.incidentId
    ? await deps.db
        .select({ id: incidents.id, title: incidents.title, status: incidents.status })
        .from(incidents)
        .where(eq(incidents.id, view.incidentId))
    : [];
  const [inCase] = await deps.db
    .select({ id: cases.id, title: cases.title })
    .from(caseAlerts)
    .innerJoin(cases, eq(cases.id, caseAlerts.caseId))
    .where(and(eq(caseAlerts.alertId, alertId), isNull(cases.deletedAt)));
  return { ...view, history, incident: incident ?? null, case: inCase ?? null };
}

/** A new entry of an alert's history, by `actor` now. */
export function alertEntry(
  alertId: string,
  actor: Actor,
  entry: Pick<AlertEvent, "kind"> & Partial<Pick<AlertEvent, "body" | "fromValue" | "toValue">>,
): AlertEvent {
  return {
    id: Bun.randomUUIDv7(),
    alertId,
    at: Date.now(),
    actorId: actor.id,
    actorLabel: actor.label,
    body: "",
    fromValue: null,
    toValue: null,
    ...entry,
  };
}

/**
 * Raises an alert: with the dedup key of an open alert (status new|acknowledged|escalated)
 * it increments count and sets lastSeen (and merges context, within the cap: see
 * {@link mergedContext}); otherwise creates one. One
 * atomic upsert on the partial unique index of open keys, so concurrent raises of a key
 * never make two alerts. A creation is audited and fires `alertEvents.alertFired`; every
 * raise is announced on the `alerts` topic.
 */
export async function raiseAlert(
  deps: AlertDeps,
  raw: z.input<typeof raiseInputSchema>,
  actor: Actor,
  request?: RequestFacts,
): Promise<{ alert: Alert; created: boolean }> {
  assertCan(actor, "create", "alerts");
  // Rules and the scanner call this directly: their input gets the API's checks too (422).
  const parsed = raiseInputSchema.safeParse(raw);
  if (!parsed.success) throw new Validation(fieldErrors(parsed.error));
  const input = parsed.data;
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const raised = {
    actor,
    request,
    id,
    action: "alert.create",
    changes: {
      title: { before: null, after: input.title },
      severity: { before: null, after: input.severity },
      source: { before: null, after: input.source },
    },
    event: "alert.created",
    data: { version: 1 },
  };
  const alert = await deps.db.transaction(async (tx) => {
    const insert = tx.insert(alerts).values({
      id,
      title: input.title,
      description: input.description,
      severity: input.severity,
      source: input.source,
      dedupKey: input.dedupKey ?? null,
      host: input.host ?? null,
      context: input.context ?? {},
      firstSeen: now,
      lastSeen: now,
      createdBy: actor.type === "system" ? null : actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const [row] = input.dedupKey
      ? await insert
          .onConflictDoUpdate({
            target: alerts.dedupKey,
            targetWhere: OPEN_ALERT_KEY,
            set: {
              count: sql`${alerts.count} + 1`,
              lastSeen: now,
              context: mergedContext(),
            },
          })
          .returning()
      : await insert.returning();
    if (!row) throw new Error("The alert upsert returned no row.");
    if (row.id === id) await auditChange(tx, ALERT, raised);
    return row;
  });
  const created = alert.id === id;
  if (created) {
    announceChange(deps.bus, ALERT, raised);
    deps.alertEvents?.alertFired(firedAlert(alert));
  } else deps.bus?.publish("alerts", "alert.raised", { id: alert.id, count: alert.count });
  return { alert, created };
}

/** What the notification system is told about `alert` when it fires. */
export function firedAlert(alert: Alert): Parameters<AlertEvents["alertFired"]>[0] {
  return {
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    host: alert.host,
    source: alert.source,
    count: alert.count,
    link: alertLink(alert.id),
  };
}

/** Closes the open alert with this dedup key (status closed, a note saying why); no-op when none is open. */
export async function closeAlertByKey(
  deps: AlertDeps,
  dedupKey: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  assertCan(actor, "update", "alerts");
  const [open] = await deps.db
    .select()
    .from(alerts)
    .where(
      and(
        eq(alerts.dedupKey, dedupKey),
        isNull(alerts.deletedAt),
        inArray(alerts.status, OPEN_ALERT_STATUSES),
      ),
    )
    .limit(1);
  if (!open) return;
  await moveAlert(deps, actor, open, { status: "closed", version: open.version, note: reason });
}

function current(db: Db, alertId: string): Promise<Alert> {
  return findRow(db, alerts, "alert", alertId);
}

/**
 * Writes the status `change.status` if the alert is still at `change.version`, with its
 * history entry (the note); audited and announced. 409 for a stale version or (on reopen)
 * when another open alert has its dedup key. The caller checks permission and workflow.
 */
export async function moveAlert(
  deps: AlertDeps,
  actor: Actor,
  before: Alert,
  change: z.infer<typeof alertStatusSchema> & { version: number },
  request?: RequestFacts,
): Promise<void> {
  const to = change.status;
  const moved = {
    actor,
    request,
    id: before.id,
    action: "alert.status",
    changes: { status: { before: before.status, after: to } },
    event: "alert.updated",
    data: { version: before.version + 1 },
  };
  try {
    await commitChange(deps, ALERT, moved, async (tx) => {
      const closing = to === "closed" || to === "false_positive";
      const target = { id: before.id, version: change.version };
      if (!(await writeIfCurrent(tx, alerts, target, { status: to, closedAt: closing ? Date.now() : null })))
        throw staleVersion("alert", before.version, change.version);
      await tx.insert(alertEvents).values(
        alertEntry(before.id, actor, {
          kind: "status",
          fromValue: before.status,
          toValue: to,
          body: change.note ?? "",
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict(
        `Another open alert has the key ${before.dedupKey}; close it or escalate this one's incident instead of reopening.`,
      );
    throw error;
  }
}

/**
 * Moves an alert: acknowledge, close, mark a false positive, reopen (analysts and up). A
 * move the workflow does not allow is 409 (escalating goes through `escalateAlert`).
 */
export async function changeAlertStatus(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  change: z.infer<typeof alertStatusSchema>,
  request?: RequestFacts,
): Promise<AlertView> {
  assertCan(actor, "update", "alerts");
  const before = await current(deps.db, alertId);
  const version = requireVersion(change.version);
  if (!canMoveAlert(before.status, change.status)) {
    const allowed = ALERT_TRANSITIONS[before.status].join(" or ");
    const hint = change.status === "escalated" ? " Escalate it to an incident instead." : "";
    throw new Conflict(
      `An alert that is ${before.status} can move to ${allowed}, not to ${change.status}.${hint}`,
    );
  }
  await moveAlert(deps, actor, before, { ...change, version }, request);
  return findAlertView(deps.db, alertId);
}

/**
 * Edits an alert (title, description, severity, assignee; analysts and up) against the
 * version read; audited. Assigning it to someone else tells them (`alertEvents.assigned`).
 */
export async function updateAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  patch: z.infer<typeof alertPatchSchema>,
  request?: RequestFacts,
): Promise<AlertView> {
  assertCan(actor, "update", "alerts");
  const before = await current(deps.db, alertId);
  const { version: sent, ...fields } = patch;
  const version = requireVersion(sent);
  if (version !== before.version) throw staleVersion("alert", before.version, version);
  const changes = changesOf(before, fields);
  if (Object.keys(changes).length === 0) return findAlertView(deps.db, alertId);
  if ("assignedTo" in changes) await assertActiveUser(deps.db, patch.assignedTo, "assignedTo");
  const change = {
    actor,
    request,
    id: alertId,
    action: "alert.update",
    changes: withTextElided(changes, "description"),
    event: "alert.updated",
    data: { version: version + 1 },
  };
  await commitChange(deps, ALERT, change, async (tx) => {
    if (!(await writeIfCurrent(tx, alerts, { id: alertId, version }, valuesAfter(changes))))
      throw staleVersion("alert", before.version, version);
    if (changes.assignedTo)
      await tx.insert(alertEvents).values(
        alertEntry(alertId, actor, {
          kind: "assignment",
          fromValue: before.assignedTo,
          toValue: patch.assignedTo ?? null,
        }),
      );
  });
  if (patch.assignedTo && changes.assignedTo && patch.assignedTo !== actor.id)
    deps.alertEvents?.assigned(
      {
        kind: "alert",
        id: alertId,
        title: String(changes.title?.after ?? before.title),
        link: alertLink(alertId),
      },
      patch.assignedTo,
      actor,
    );
  return findAlertView(deps.db, alertId);
}

/** Adds a note to an alert's history (analysts and up). */
export async function noteOnAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  input: z.infer<typeof noteSchema>,
  request?: RequestFacts,
): Promise<AlertEvent> {
  assertCan(actor, "update", "alerts");
  await current(deps.db, alertId);
  const entry = alertEntry(alertId, actor, { kind: "note", body: input.body });
  const change = {
    actor,
    request,
    id: alertId,
    action: "alert.note",
    changes: { note: { before: null, after: entry.id } },
    event: "alert.noted",
  };
  await commitChange(deps, ALERT, change, async (tx) => {
    await tx.insert(alertEvents).values(entry);
  });
  return entry;
}

/** Soft-deletes an alert (admins); it stays restorable. */
export async function deleteAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "alerts");
  await softDelete(deps, alerts, ALERT, actor, alertId, request);
}

/** Restores a deleted alert (admins); 409 when an open alert with its key was raised meanwhile. */
export async function restoreAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  request?: RequestFacts,
): Promise<AlertView> {
  assertCan(actor, "delete", "alerts");
  try {
    await restoreDeleted(deps, alerts, ALERT, actor, alertId, request);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict("An open alert with the same key was raised meanwhile; close it first.");
    throw error;
  }
  return findAlertView(deps.db, alertId);
}
