import type { Severity } from "../db/schema/incidents.ts";
import type { Logger } from "../lib/log.ts";

/** An alert a rule raises; the same shape as the alerts service's `raiseAlert` input. */
export interface RaiseInput {
  title: string;
  description?: string;
  severity: Severity;
  source: "rule";
  /** `rule:<ruleId>` or `rule:<ruleId>:<subject>` (a mount, a port): one open alert per key. */
  dedupKey: string;
  host: string;
  context: Record<string, unknown>;
}

/**
 * Where the rule engine sends alerts: the alerts service (`raiseAlert` and
 * `closeAlertByKey` with the system actor). Raising again with the key of an open alert
 * counts it again (a re-notification).
 */
export interface AlertSink {
  raise(input: RaiseInput): Promise<{ id: string; created: boolean }>;
  close(dedupKey: string, reason: string): Promise<void>;
}

/** A sink that only logs: what the engine uses while no alerts service is wired in. */
export function loggingSink(log: Logger): AlertSink {
  return {
    async raise(input) {
      log.warn("alert rule fired", { title: input.title, key: input.dedupKey, severity: input.severity });
      return { id: input.dedupKey, created: true };
    },
    async close(dedupKey, reason) {
      log.info("alert rule recovered", { key: dedupKey, reason });
    },
  };
}
