import type { Phrase } from "../../lib/phrase.ts";
import type { Severity } from "../../lib/severity.ts";

/*
 * The scoring of a risk's likelihood suggestion, in one place so the rule the page states is
 * the rule the code applies. Each piece of evidence earns points; the total maps to a level of
 * the matrix's likelihood scale. The numbers are a starting point a team can argue with: the
 * page lists every piece and its points.
 */

/** How far back alerts, incidents, scans and technique sightings count, in days. */
export const EVIDENCE_WINDOW_DAYS = 90;

/** {@link EVIDENCE_WINDOW_DAYS} in milliseconds. */
export const EVIDENCE_WINDOW_MS = EVIDENCE_WINDOW_DAYS * 86_400_000;

/**
 * The points of evidence on a linked asset, by its kind and severity: an open vulnerability,
 * an alert in the window (not a false positive), an incident detected in the window or still open.
 */
export const SEVERITY_POINTS: Record<"vulnerability" | "alert" | "incident", Record<Severity, number>> = {
  vulnerability: { critical: 8, high: 5, medium: 3, low: 1, informational: 0 },
  alert: { critical: 4, high: 3, medium: 2, low: 1, informational: 0 },
  incident: { critical: 10, high: 7, medium: 4, low: 2, informational: 1 },
};

/** What an overdue vulnerability's points are multiplied by. */
export const OVERDUE_FACTOR = 2;

/** A port newly open in a scan of a linked asset, or newly listening on it (a port rule's alert). */
export const NEW_PORT_POINTS = 3;

/** A linked technique: points per alert or incident naming it in the window … */
export const TECHNIQUE_POINTS_PER_RECORD = 2;

/** … and at most this many per technique. */
export const TECHNIQUE_POINTS_MAX = 10;

/** The total at which the suggestion reaches the top of the scale, whatever its number of levels. */
export const SATURATION_POINTS = 40;

/** The points of an open vulnerability. */
export function vulnerabilityPoints(severity: Severity, overdue: boolean): number {
  return SEVERITY_POINTS.vulnerability[severity] * (overdue ? OVERDUE_FACTOR : 1);
}

/** The points of a linked technique named by `records` alerts and incidents. */
export function techniquePoints(records: number): number {
  return Math.min(TECHNIQUE_POINTS_MAX, TECHNIQUE_POINTS_PER_RECORD * records);
}

/** The points one level of a scale of `levels` levels spans. */
export function pointsPerLevel(levels: number): number {
  return SATURATION_POINTS / (levels - 1);
}

/**
 * The likelihood level (1..`levels`) `points` suggest: no points is level 1 (rare); otherwise
 * one level above 1 for every started {@link pointsPerLevel} points, capped at `levels`
 * ({@link SATURATION_POINTS} points or more reach the top). On a 5-level scale: 1–10 points
 * → 2, 11–20 → 3, 21–30 → 4, 31 and more → 5.
 */
export function likelihoodFor(points: number, levels: number): number {
  if (points <= 0) return 1;
  return Math.min(levels, 1 + Math.ceil(points / pointsPerLevel(levels)));
}

const oneDecimal = (n: number) => String(Math.round(n * 10) / 10);

/** The scoring rule in words, for a scale of `levels` levels (what the page shows under the reasons). */
export function scoringRule(levels: number): Phrase {
  const { vulnerability: v, alert: a, incident: i } = SEVERITY_POINTS;
  return {
    key: "riskEvidence.rule",
    params: {
      vCritical: v.critical,
      vHigh: v.high,
      vMedium: v.medium,
      vLow: v.low,
      overdue: OVERDUE_FACTOR,
      port: NEW_PORT_POINTS,
      days: EVIDENCE_WINDOW_DAYS,
      aCritical: a.critical,
      aHigh: a.high,
      aMedium: a.medium,
      aLow: a.low,
      iCritical: i.critical,
      iHigh: i.high,
      iMedium: i.medium,
      iLow: i.low,
      iInformational: i.informational,
      perRecord: TECHNIQUE_POINTS_PER_RECORD,
      techniqueMax: TECHNIQUE_POINTS_MAX,
      perLevel: oneDecimal(pointsPerLevel(levels)),
      levels,
      saturation: SATURATION_POINTS,
    },
  };
}
