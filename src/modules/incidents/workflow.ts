import type { IncidentStatus } from "../../kit/incident-statuses.ts";
import type { Transitions } from "../../kit/record-move.ts";

/**
 * Where an incident may go from each state: one step forward, straight to `closed` from
 * any open state (a false alarm, a duplicate), and back to `triage` from `closed` (reopen).
 */
export const TRANSITIONS: Transitions<IncidentStatus> = {
  new: ["triage", "closed"],
  triage: ["containment", "closed"],
  containment: ["eradication", "closed"],
  eradication: ["recovery", "closed"],
  recovery: ["closed"],
  closed: ["triage"],
};

/** What a transition sets besides the status: first triage time, close time (cleared on reopen). */
export function transitionStamps(
  current: { triagedAt: number | null },
  to: IncidentStatus,
  now: number,
): { triagedAt?: number; resolvedAt: number | null } {
  return {
    ...(current.triagedAt === null && to !== "new" ? { triagedAt: now } : {}),
    resolvedAt: to === "closed" ? now : null,
  };
}

/** Time from detection to first triage, and from detection to closing: in ms, null until reached. */
export function incidentDurations(i: {
  detectedAt: number;
  triagedAt: number | null;
  resolvedAt: number | null;
}) {
  return {
    timeToTriageMs: i.triagedAt === null ? null : Math.max(0, i.triagedAt - i.detectedAt),
    timeToCloseMs: i.resolvedAt === null ? null : Math.max(0, i.resolvedAt - i.detectedAt),
  };
}
