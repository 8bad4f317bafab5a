/**
 * The incident workflow's states, in order: owned by incidents, read by the records that
 * escalate into an incident (alerts, cases) and by the kit's incident reference.
 */
export const INCIDENT_STATUSES = [
  "new",
  "triage",
  "containment",
  "eradication",
  "recovery",
  "closed",
] as const;

/** An incident state. */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
