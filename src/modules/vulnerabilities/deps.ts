import type { Db } from "../../db/client.ts";
import type { Bus } from "../../realtime/bus.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import type { VulnerabilitySla } from "./workflow.ts";

/** What vulnerability services need: the database, the bus, and the SLA in force (read on each write). */
export interface VulnerabilityDeps {
  db: Db;
  bus?: Bus;
  sla: () => VulnerabilitySla;
  /** Told of assignments (notifications, webhooks). */
  events?: NotificationEvents;
}
