import { systemActor } from "../kit/actor.ts";
import type { Severity } from "../modules/incidents/schema.ts";
import { type AlertDeps, closeAlertByKey, firedAlert, raiseAlert } from "../modules/soc/alerts.ts";

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
}

/**
 * Where the rule engine and the scanner send alerts. Raising again with the key of an open
 * alert counts it again: the engine only does so when a rule re-notifies.
 */
export interface AlertSink {
  raise(input: RaiseInput): Promise<unknown>;
  close(dedupKey: string, reason: string): Promise<void>;
}

/**
 * The sink of a running Warden: the alerts service, acting as the system actor `rules` (or
 * `scanner` for a scan's alerts). A rule's raise that finds its alert still open is a
 * re-notification, so the notification system hears of it as a firing too (a scan or an API
 * caller raising a known key is only counted).
 */
export function alertsServiceSink(deps: AlertDeps): AlertSink {
  const actors = { rule: systemActor("rules"), scan: systemActor("scanner") };
  return {
    async raise(input) {
      const { alert, created } = await raiseAlert(deps, input, actors[input.source]);
      if (!created && input.source === "rule") deps.alertEvents?.alertFired(firedAlert(alert));
      return { id: alert.id, created };
    },
    close: (dedupKey, reason) => closeAlertByKey(deps, dedupKey, reason, actors.rule),
  };
}
