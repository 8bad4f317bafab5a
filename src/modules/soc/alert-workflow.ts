import { and, inArray, isNull, type SQL } from "drizzle-orm";
import type { Transitions } from "../../kit/record-move.ts";
import { type AlertStatus, alerts, OPEN_ALERT_STATUSES } from "./alerts-schema.ts";

/**
 * Where an alert may go by a status change: an open alert may be acknowledged (when new),
 * closed or marked a false positive; a closed one or a false positive may be reopened
 * (back to new). `escalated` is reached only by escalating to an incident, never by a
 * plain status change.
 */
export const ALERT_TRANSITIONS: Transitions<AlertStatus> = {
  new: ["acknowledged", "closed", "false_positive"],
  acknowledged: ["closed", "false_positive"],
  escalated: ["closed", "false_positive"],
  closed: ["new"],
  false_positive: ["new"],
};

/** True when an alert in `status` is open (a raise of its key counts on it; it can be escalated). */
export function isOpenAlert(status: AlertStatus): boolean {
  return (OPEN_ALERT_STATUSES as readonly AlertStatus[]).includes(status);
}

/** The alerts matching `where` that are live (not deleted) and open. */
export function liveOpenAlerts(where: SQL): SQL | undefined {
  return and(where, isNull(alerts.deletedAt), inArray(alerts.status, OPEN_ALERT_STATUSES));
}
