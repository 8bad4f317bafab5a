import type { Severity } from "../db/schema/incidents.ts";
import { systemActor } from "../services/actor.ts";
import { type AlertDeps, closeAlertByKey, firedAlert, raiseAlert } from "../services/alerts.ts";

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
 * Where the rule engine sends alerts. Raising again with the key of an open alert counts it
 * again: the engine only does so when a rule re-notifies.
 */
export interface AlertSink {
  raise(input: RaiseInput): Promise<{ id: string; created: boolean }>;
  close(dedupKey: string, reason: string): Promise<void>;
}

/**
 * The sink of a running Warden: the alerts service, acting as the system actor `rules`. A
 * raise that finds the rule's alert still open is a re-notification, so the notification
 * system hears of it as a firing too (an API caller raising a known key is only counted).
 */
export function alertsServiceSink(deps: AlertDeps): AlertSink {
  const actor = systemActor("rules");
  return {
    async raise(input) {
      const { alert, created } = await raiseAlert(deps, input, actor);
      if (!created) deps.alertEvents?.alertFired(firedAlert(alert));
      return { id: alert.id, created };
    },
    close: (dedupKey, reason) => closeAlertByKey(deps, dedupKey, reason, actor),
  };
}
