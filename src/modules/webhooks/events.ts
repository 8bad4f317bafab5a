import { z } from "zod";

/**
 * THE list of events an outgoing webhook can subscribe to; the API, the page and the
 * notifier all use it. `ping` (the "send test" call) is not in it: a test always goes out.
 */
export const WEBHOOK_EVENTS = [
  "alert.fired",
  "alert.assigned",
  "case.assigned",
  "incident.created",
  "incident.assigned",
  "incident.status_changed",
  "incident.commented",
  "vulnerability.assigned",
  "vulnerability.overdue",
  "document.published",
  "risk.review_due",
  "risk.acceptance_expiring",
  "risk.acceptance_expired",
  "risk.acceptance_requested",
] as const;

/** An event name a webhook can subscribe to. */
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The event of a "send test" call. */
export const TEST_EVENT = "ping";

/** Validates one event name. */
export const webhookEventSchema = z.enum(WEBHOOK_EVENTS, {
  error: `Choose events among: ${WEBHOOK_EVENTS.join(", ")}.`,
});
