import type { Config } from "../../config/schema.ts";
import type { Transitions } from "../../kit/record-move.ts";
import type { Severity } from "../../lib/severity.ts";
import { OPEN_VULNERABILITY_STATUSES, type Vulnerability, type VulnerabilityStatus } from "./schema.ts";

/** Days from discovery to the due date, per severity (`vulnerabilities.sla` in the config). */
export type VulnerabilitySla = Config["vulnerabilities"]["sla"];

const DAY_MS = 86_400_000;

/**
 * Where a vulnerability may go from each status. From an open status (open, in progress)
 * to any other status; from a closed one (mitigated, accepted, false positive) only back
 * to open — a reopened finding is worked on again before it is closed another way, so
 * every decision stays on record.
 */
export const TRANSITIONS: Transitions<VulnerabilityStatus> = {
  open: ["in_progress", "mitigated", "accepted", "false_positive"],
  in_progress: ["open", "mitigated", "accepted", "false_positive"],
  mitigated: ["open"],
  accepted: ["open"],
  false_positive: ["open"],
};

/** True for open and in progress: the statuses that still need work. */
export function isOpenStatus(status: VulnerabilityStatus): boolean {
  return (OPEN_VULNERABILITY_STATUSES as readonly VulnerabilityStatus[]).includes(status);
}

/**
 * The due date (Unix ms) of a vulnerability of `severity` discovered at `discoveredAt`: the
 * SLA days of its severity later; null for informational (no due date).
 */
export function dueDate(severity: Severity, discoveredAt: number, sla: VulnerabilitySla): number | null {
  const slaDays: Partial<Record<Severity, number>> = {
    critical: sla.criticalDays,
    high: sla.highDays,
    medium: sla.mediumDays,
    low: sla.lowDays,
  };
  const days = slaDays[severity];
  return days === undefined ? null : discoveredAt + days * DAY_MS;
}

/** Overdue: still open or in progress and past its due date. */
export function isOverdue(v: Pick<Vulnerability, "status" | "dueAt">, now = Date.now()): boolean {
  return isOpenStatus(v.status) && v.dueAt !== null && v.dueAt < now;
}
