import type { Actor } from "../../kit/actor.ts";

/** Alert severities (same words as incidents). */
export type AlertSeverity = "critical" | "high" | "medium" | "low" | "informational";

/**
 * What the alert and case services tell the notification system. Methods never throw and
 * never wait for delivery. The notifications helper's `Notifier` implements it; the alert
 * and case services call it through their optional `alertEvents` dependency.
 */
export interface AlertEvents {
  /** An alert fired: created, or re-fired after its rule's re-notify interval. */
  alertFired(alert: {
    id: string;
    title: string;
    severity: AlertSeverity;
    host: string | null;
    source: "rule" | "api" | "scan";
    count: number;
    link: string;
  }): void;
  /** A record was assigned to a user (not called when the actor assigns it to themself). */
  assigned(
    record: {
      kind: "incident" | "vulnerability" | "alert" | "case";
      id: string;
      title: string;
      link: string;
    },
    userId: string,
    actor: Actor,
  ): void;
}
