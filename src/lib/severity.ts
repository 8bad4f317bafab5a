/** Severities, most to least severe (shared by incidents, alerts, vulnerabilities, rules and notifications). */
export const SEVERITIES = ["critical", "high", "medium", "low", "informational"] as const;

/** A severity. */
export type Severity = (typeof SEVERITIES)[number];
