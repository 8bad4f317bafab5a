import type { AppDeps } from "../../deps.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import type { VulnerabilitySla } from "./workflow.ts";

/** What vulnerability services need: the database, the bus, and the SLA in force (read on each write). */
export interface VulnerabilityDeps extends RecordEventDeps {
  sla: () => VulnerabilitySla;
  /** Told of assignments (notifications, webhooks). */
  events?: NotificationEvents;
}

/** The vulnerability services' deps for the app's API and pages: the SLA read from the live config. */
export function vulnerabilityDeps(deps: AppDeps): Required<VulnerabilityDeps> {
  return {
    db: deps.database.db,
    bus: deps.bus,
    sla: () => deps.config.get().vulnerabilities.sla,
    events: deps.notifier,
  };
}
