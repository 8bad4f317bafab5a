import { systemActor } from "../../kit/actor.ts";
import type { AlertSink } from "../../monitor/alert-sink.ts";
import { knownTechniques } from "../threats/catalog.ts";
import type { AlertDeps } from "./alert-queries.ts";
import { closeAlertByKey, firedAlert, raiseAlert } from "./alert-raising.ts";

/**
 * The sink of a running Warden: the alerts service, acting as the system actor `rules` (or
 * `scanner` for a scan's alerts). A rule's raise that finds its alert still open is a
 * re-notification, so the notification system hears of it as a firing too (a scan or an API
 * caller raising a known key is only counted). The alert names the rule's ATT&CK techniques
 * that the catalog holds.
 */
export function alertsServiceSink(deps: AlertDeps): AlertSink {
  const actors = { rule: systemActor("rules"), scan: systemActor("scanner") };
  return {
    async raise(input) {
      // A rule from the configuration is not checked against the catalog: an id it lacks is
      // left out rather than refusing (and so losing) the alert.
      const techniques = input.techniques?.length ? await knownTechniques(deps.db, input.techniques) : [];
      const { alert, created } = await raiseAlert(deps, { ...input, techniques }, actors[input.source]);
      if (!created && input.source === "rule") deps.alertEvents?.alertFired(firedAlert(alert));
      return { id: alert.id, created };
    },
    close: (dedupKey, reason) => closeAlertByKey(deps, dedupKey, reason, actors.rule),
  };
}
