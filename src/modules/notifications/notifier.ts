import { and, eq, inArray, isNull } from "drizzle-orm";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { countRows } from "../../kit/count-rows.ts";
import type { Catalogs } from "../../lib/i18n.ts";
import type { Logger } from "../../lib/log.ts";
import { type Phrase, renderPhrase } from "../../lib/phrase.ts";
import type { Bus } from "../../realtime/bus.ts";
import type { AlertSeverity } from "../soc/alert-events.ts";
import type { WebhookEvent } from "../webhooks/events.ts";
import type { DeliveryWorker } from "./delivery-worker.ts";
import type { NotificationEvents } from "./events.ts";
import { queueEmails, queueWebhookEvent } from "./outbox.ts";
import { alertSubscribers, channelsOf } from "./preferences.ts";
import { type NotificationPriority, type NotificationType, notifications } from "./schema.ts";

/** What the notifier needs; built once by `serve` (or a test). */
export interface NotifierDeps {
  db: Db;
  bus: Bus;
  config: ConfigSource;
  log: Logger;
  worker: DeliveryWorker;
  /** The message catalogs: each person reads their notifications in their own language. */
  catalogs: Catalogs;
}

/** One notification for several people. */
export interface NotificationInput {
  type: NotificationType;
  priority: NotificationPriority;
  title: Phrase;
  /** The text under the title, if any. */
  message?: Phrase;
  /** A local path, e.g. `/incidents/<id>`. */
  link: string | null;
  /** User ids; duplicates, nulls and inactive users are dropped. */
  recipients: (string | null)[];
}

const ALERT_PRIORITY: Record<AlertSeverity, NotificationPriority> = {
  critical: "urgent",
  high: "high",
  medium: "normal",
  low: "low",
  informational: "low",
};

/** The unread count of `userId`. */
export async function unreadCount(db: Db, userId: string): Promise<number> {
  return countRows(db, notifications, and(eq(notifications.userId, userId), isNull(notifications.readAt)));
}

/**
 * Turns events into notifications: a row per recipient whose preferences want it in the
 * app (announced on the `notifications` topic to that user only, with the new unread
 * count), an e-mail in the outbox for those who want e-mail (when `smtp.host` is set), and
 * a webhook call per subscribed webhook. Every method returns at once and never throws:
 * the work runs in the background (failures are logged), so a request that caused an
 * event never waits for, nor fails with, a channel. `settled()` waits for it (tests, shutdown).
 */
export class Notifier implements NotificationEvents {
  #pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: NotifierDeps) {}

  /** The delivery worker sending this notifier's e-mails and webhook calls. */
  get worker(): DeliveryWorker {
    return this.deps.worker;
  }

  /** Notifies people (see NotificationInput). */
  notify(input: NotificationInput): void {
    this.#track("notify", () => this.#notify(input));
  }

  /** Kicks the delivery worker: a committed transaction queued deliveries. */
  deliveriesQueued(): void {
    this.deps.worker.kick();
  }

  /** Queues webhook calls for `name` to every webhook subscribed to it, in the background. */
  recordEvent(name: WebhookEvent, data: Record<string, unknown>): void {
    this.#track(name, async () => {
      if ((await queueWebhookEvent(this.deps.db, name, data)) > 0) this.deps.worker.kick();
    });
  }

  /** An alert fired: the users subscribed to its severity, and webhooks of `alert.fired`. */
  alertFired(alert: Parameters<NotificationEvents["alertFired"]>[0]): void {
    this.#track("alert.fired", async () => {
      const recipients = await alertSubscribers(this.deps.db, alert.severity);
      const fired = `notifications.text.alert.fired${alert.host ? "On" : ""}${alert.count > 1 ? "Repeated" : ""}`;
      await this.#notify({
        type: "alert",
        priority: ALERT_PRIORITY[alert.severity],
        title: {
          key: "notifications.text.alert.title",
          params: { severity: { key: `severity.${alert.severity}` }, title: alert.title },
        },
        message: { key: fired, params: { host: alert.host ?? "", count: alert.count, source: alert.source } },
        link: alert.link,
        recipients,
      });
    });
    this.recordEvent("alert.fired", { ...alert });
  }

  /** A record was assigned to `userId` by `actor` (nothing when they assigned themself). */
  assigned(record: Parameters<NotificationEvents["assigned"]>[0], userId: string, actor: Actor): void {
    if (userId === actor.id) return;
    this.notify({
      type: "assigned",
      priority: "normal",
      title: {
        key: `notifications.text.assigned.${record.kind}`,
        params: { actor: actor.label, title: record.title },
      },
      link: record.link,
      recipients: [userId],
    });
    this.recordEvent(`${record.kind}.assigned`, { ...record, assignedTo: userId, by: actor.label });
  }

  /** A comment on a record: its people hear of it, never the author. */
  commented(...[record, userIds, actor]: Parameters<NotificationEvents["commented"]>): void {
    this.notify({
      type: "comment",
      priority: "normal",
      title: { key: "notifications.text.commented", params: { actor: actor.label, title: record.title } },
      link: record.link,
      recipients: userIds.filter((id) => id !== actor.id),
    });
    this.recordEvent("incident.commented", { ...record, by: actor.label });
  }

  /** A published document version that `userIds` must acknowledge. */
  acknowledgmentRequested(
    ...[document, userIds]: Parameters<NotificationEvents["acknowledgmentRequested"]>
  ): void {
    this.notify({
      type: "acknowledgment",
      priority: "normal",
      title: {
        key: "notifications.text.acknowledgment",
        params: { title: document.title, version: document.version },
      },
      link: document.link,
      recipients: userIds,
    });
    this.recordEvent("document.published", { ...document });
  }

  /** A vulnerability passed its due date. */
  overdue(...[vulnerability, userIds]: Parameters<NotificationEvents["overdue"]>): void {
    this.notify({
      type: "overdue",
      priority: vulnerability.severity === "critical" ? "urgent" : "high",
      title: { key: "notifications.text.overdue.title", params: { title: vulnerability.title } },
      message: {
        key: "notifications.text.overdue.message",
        params: {
          day: new Date(vulnerability.dueAt).toISOString().slice(0, 10),
          severity: { key: `severity.${vulnerability.severity}` },
        },
      },
      link: vulnerability.link,
      recipients: userIds,
    });
    this.recordEvent("vulnerability.overdue", { ...vulnerability });
  }

  /** A risk's owner or approvers are told of it (see NotificationEvents.riskReminder). */
  riskReminder(...[reminder, risk, userIds]: Parameters<NotificationEvents["riskReminder"]>): void {
    const day = new Date(risk.at).toISOString().slice(0, 10);
    this.notify({
      type: "risk",
      priority: reminder === "acceptance_expired" ? "high" : "normal",
      title: { key: `notifications.text.risk.${reminder}.title`, params: { title: risk.title } },
      message: { key: `notifications.text.risk.${reminder}.message`, params: { day } },
      link: risk.link,
      recipients: userIds,
    });
    this.recordEvent(`risk.${reminder}`, { ...risk });
  }

  /** Resolves when every event received so far has been written and queued. */
  async settled(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  #track(what: string, work: () => Promise<void>): void {
    const job: Promise<void> = work()
      .catch((error) =>
        this.deps.log.error("notification failed", { event: what, error: (error as Error).message }),
      )
      .finally(() => this.#pending.delete(job));
    this.#pending.add(job);
  }

  async #notify(input: NotificationInput): Promise<void> {
    const wanted = [...new Set(input.recipients.filter((id): id is string => !!id))];
    if (wanted.length === 0) return;
    const { db, bus, config, catalogs } = this.deps;
    const people = (
      await db
        .select({ id: users.id, email: users.email, locale: users.locale })
        .from(users)
        .where(and(inArray(users.id, wanted), eq(users.isActive, true)))
    ).map((p) => {
      const t = catalogs.translator(catalogs.negotiate(p.locale, null));
      return {
        ...p,
        title: renderPhrase(t, input.title),
        message: input.message ? renderPhrase(t, input.message) : "",
      };
    });
    const channels = await channelsOf(
      db,
      people.map((p) => p.id),
      input.type,
    );
    const now = Date.now();
    const rows = people
      .filter((p) => channels.get(p.id)?.inApp)
      .map((p) => ({
        id: Bun.randomUUIDv7(),
        userId: p.id,
        type: input.type,
        priority: input.priority,
        title: p.title.slice(0, 300),
        message: p.message,
        link: input.link,
        createdAt: now,
      }));
    if (rows.length > 0) await db.insert(notifications).values(rows);
    for (const row of rows) {
      const unread = await unreadCount(db, row.userId);
      bus.publish("notifications", "notification.created", { ...row, readAt: null, unread }, row.userId);
    }
    const cfg = config.get();
    if (!cfg.smtp.host) return;
    const url = input.link ? `${cfg.notifications.publicUrl?.replace(/\/$/, "") ?? ""}${input.link}` : "";
    const mails = people
      .filter((p) => channels.get(p.id)?.email)
      .map((p) => ({
        to: p.email,
        subject: `[Warden] ${p.title}`.slice(0, 250),
        text: [p.title, p.message, url].filter(Boolean).join("\n\n"),
      }));
    if ((await queueEmails(db, input.type, mails)).length > 0) this.deps.worker.kick();
  }
}
