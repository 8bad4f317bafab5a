import type { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { changeKindOf } from "../../kit/record-events.ts";
import { historyEntry } from "../../kit/record-history.ts";
import { moveRecord, workflowMove } from "../../kit/record-move.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { Conflict } from "../../lib/errors.ts";
import type { alertStatusSchema } from "./alert-input.ts";
import { type AlertDeps, type AlertView, findAlertView } from "./alert-queries.ts";
import { ALERT_TRANSITIONS } from "./alert-workflow.ts";
import { type Alert, type AlertEvent, alertEvents, alerts } from "./alerts-schema.ts";
import { ALERT_KIND } from "./kind.ts";
import { ALERT_SEARCH } from "./search.ts";

/** The alert kind of record: audited as `alert.*`, announced on the `alerts` topic. */
export const ALERT_CHANGES = changeKindOf(ALERT_KIND, ALERT_SEARCH);

/** The page of alert `id`. */
export function alertLink(id: string): string {
  return `/soc/${id}`;
}

/** A new entry of an alert's history, by `actor` now. */
export function alertEntry(
  alertId: string,
  actor: Actor,
  entry: Pick<AlertEvent, "kind"> & Partial<Pick<AlertEvent, "body" | "fromValue" | "toValue">>,
): AlertEvent {
  return historyEntry("alertId", alertId, actor, entry);
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
  const closing = to === "closed" || to === "false_positive";
  try {
    await moveRecord({ table: alerts, kind: ALERT_CHANGES }, deps, actor, before, {
      status: to,
      version: change.version,
      request,
      set: { closedAt: closing ? Date.now() : null },
      async write(tx) {
        await tx.insert(alertEvents).values(
          alertEntry(before.id, actor, {
            kind: "status",
            fromValue: before.status,
            toValue: to,
            body: change.note ?? "",
          }),
        );
      },
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
export const changeAlertStatus = workflowMove(
  { table: alerts, kind: ALERT_CHANGES, findView: findAlertView },
  ALERT_TRANSITIONS,
  {
    refusal: (from, to, allowed) => {
      const hint = to === "escalated" ? " Escalate it to an incident instead." : "";
      return `An alert that is ${from} can move to ${allowed}, not to ${to}.${hint}`;
    },
    move: moveAlert,
  },
);

/** Alerts' edit, delete and restore, from the record kit. */
const alertService = defineRecordService(alerts, ALERT_CHANGES, findAlertView, {
  person: "assignedTo",
  longText: "description",
  personChanged: (tx, id, actor, fromValue, toValue) =>
    tx.insert(alertEvents).values(alertEntry(id, actor, { kind: "assignment", fromValue, toValue })),
  notes: {
    entry: (id, actor, body) => alertEntry(id, actor, { kind: "note", body }),
    insert: (tx, entry) => tx.insert(alertEvents).values(entry),
  },
  edited(deps: AlertDeps, actor, after, changes) {
    const to = after.assignedTo?.id;
    if (changes.assignedTo && to && to !== actor.id)
      deps.alertEvents?.assigned(
        { kind: "alert", id: after.id, title: after.title, link: alertLink(after.id) },
        to,
        actor,
      );
  },
});

/**
 * Edits an alert (title, description, severity, assignee; analysts and up) against the
 * version read; audited. Assigning it to someone else tells them (`alertEvents.assigned`).
 */
export const updateAlert = alertService.update;

/** Adds a note to an alert's history (analysts and up). */
export const noteOnAlert = alertService.note;

/** Soft-deletes an alert (admins); it stays restorable. */
export const deleteAlert = alertService.remove;

/** Restores a deleted alert (admins); 409 when an open alert with its key was raised meanwhile. */
export async function restoreAlert(
  deps: AlertDeps,
  actor: Actor,
  alertId: string,
  request?: RequestFacts,
): Promise<AlertView> {
  try {
    return await alertService.restore(deps, actor, alertId, request);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new Conflict("An open alert with the same key was raised meanwhile; close it first.");
    throw error;
  }
}

/**
 * True when `error` (or an error it wraps, as drizzle wraps the driver's) is SQLite
 * refusing a write that would break a UNIQUE constraint or index.
 */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause)
    if (/UNIQUE constraint failed/.test(e.message)) return true;
  return false;
}
