import type { Severity } from "../lib/severity.ts";

/** An alert a rule or a scan raises; the same shape as the alerts service's `raiseAlert` input. */
export interface RaiseInput {
  title: string;
  description?: string;
  severity: Severity;
  source: "rule" | "scan";
  /**
   * `rule:<ruleId>` or `rule:<ruleId>:<subject>` (a mount, a port), `scan:<host>:<port>`: one
   * open alert per key.
   */
  dedupKey: string;
  host: string;
  context: Record<string, unknown>;
  /** ATT&CK ids the rule names; the alert names those the catalog knows. */
  techniques?: string[];
}

/**
 * Where the rule engine and the scanner send alerts. Raising again with the key of an open
 * alert counts it again: the engine only does so when a rule re-notifies.
 */
export interface AlertSink {
  raise(input: RaiseInput): Promise<unknown>;
  close(dedupKey: string, reason: string): Promise<void>;
}
