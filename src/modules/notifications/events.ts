import type { Actor } from "../../kit/actor.ts";
import type { AlertEvents } from "../soc/alert-events.ts";

/**
 * Why people are told of a risk: its owner of a review due, an acceptance ending soon or
 * ended; its approvers of an acceptance waiting for their decision.
 */
export type RiskReminder =
  | "review_due"
  | "acceptance_expiring"
  | "acceptance_expired"
  | "acceptance_requested";

/**
 * What the record services (incidents, vulnerabilities, documents, alerts) tell the
 * notification system. Implemented by the Notifier; methods never throw and never wait
 * for a delivery, so a failing or slow channel never fails the request that caused them.
 */
export interface NotificationEvents extends AlertEvents {
  /** Someone commented on a record: `userIds` (its assignee, its creator) hear of it, never the author. */
  commented(
    record: { id: string; title: string; link: string },
    userIds: (string | null)[],
    actor: Actor,
  ): void;
  /** A document version was published that `userIds` must acknowledge. */
  acknowledgmentRequested(
    document: { id: string; title: string; version: number; link: string },
    userIds: string[],
  ): void;
  /** A vulnerability passed its due date: `userIds` (its assignee, else its creator) hear of it once. */
  overdue(
    vulnerability: { id: string; title: string; severity: string; dueAt: number; link: string },
    userIds: string[],
  ): void;
  /**
   * A risk needs `userIds`, once per occasion: its owner when its review date passed, its
   * acceptance ends within days, or its acceptance ended and the risk was reopened; the
   * managers and admins (not the requester) when an acceptance waits for a decision.
   */
  riskReminder(
    reminder: RiskReminder,
    risk: { id: string; title: string; at: number; link: string },
    userIds: string[],
  ): void;
  /**
   * Deliveries (webhook calls, e-mails) were queued in the outbox by a transaction that has
   * committed (see outbox.ts): send them now rather than at the next poll.
   */
  deliveriesQueued(): void;
}
