import { and, asc, eq, inArray, lte, min } from "drizzle-orm";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import type { BackgroundFailures } from "../../lib/background-failures.ts";
import type { CounterVec } from "../../lib/instruments.ts";
import type { Logger } from "../../lib/log.ts";
import { backoffMs } from "../../lib/retry.ts";
import { TEST_EVENT } from "../webhooks/events.ts";
import { webhooks } from "../webhooks/schema.ts";
import { type CallResult, callWebhook } from "../webhooks/sender.ts";
import { DELIVERY_CHANNELS, type Delivery, deliveries } from "./deliveries-schema.ts";
import { deliveryAttempts } from "./delivery-attempts-schema.ts";
import { EmailSender } from "./email-sender.ts";
import type { EmailMessage } from "./outbox.ts";

/** What became of one delivery attempt: sent, failed and tried again later, or failed for good. */
const DELIVERY_OUTCOMES = ["sent", "retry", "failed"] as const;
type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/**
 * Sends the outbox (e-mails and webhook calls) in the main thread: at most
 * `notifications.concurrency` at once, retried with exponential backoff up to
 * `notifications.maxAttempts`, each attempt logged in `delivery_attempts`. Work is claimed
 * from the database, so what was pending when the process stopped is sent after a restart.
 * Nothing here ever throws into a request.
 */
export class DeliveryWorker {
  readonly #email = new EmailSender();
  #running = new Set<Promise<void>>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #ticking: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigSource,
    private readonly log: Logger,
    private readonly failures?: BackgroundFailures,
    /** Where each attempt is counted by channel and outcome (`warden_notification_deliveries_total`). */
    private readonly outcomes?: CounterVec,
  ) {
    for (const channel of DELIVERY_CHANNELS)
      for (const outcome of DELIVERY_OUTCOMES) outcomes?.inc({ channel, outcome }, 0);
  }

  /** Starts: deliveries left `sending` by a stopped process are pending again; due ones go out now. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.db.update(deliveries).set({ status: "pending" }).where(eq(deliveries.status, "sending"));
    this.kick();
  }

  /** Stops taking work and waits for the attempts under way. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#ticking;
    await Promise.all(this.#running);
    this.#email.close();
  }

  /** Looks for due work now (called after something was queued). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#ticking) {
      this.#again = true;
      return;
    }
    this.#ticking = this.#tick()
      .catch((error) => {
        // The look for due work failed before it set its timer: look again after the poll interval.
        this.failures?.count("deliveries");
        this.log.error("delivery worker failed; trying again", { error });
        if (!this.#stopped && !this.#timer)
          this.#timer = setTimeout(() => this.kick(), this.config.get().notifications.pollIntervalMs);
      })
      .finally(() => {
        this.#ticking = null;
        if (this.#again) {
          this.#again = false;
          this.kick();
        }
      });
  }

  /** Waits until nothing is being sent and nothing is due (tests, the "send test" button). */
  async settled(): Promise<void> {
    while (this.#ticking || this.#running.size > 0) {
      await this.#ticking;
      await Promise.all(this.#running);
    }
  }

  /** Attempts one delivery now, whatever its schedule (unless another attempt holds it). */
  async attemptNow(deliveryId: string): Promise<void> {
    const [claimed] = await this.#claim([deliveryId]);
    if (claimed) await this.#attempt(claimed);
  }

  async #tick(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const { concurrency, pollIntervalMs } = this.config.get().notifications;
    const free = concurrency - this.#running.size;
    if (free > 0) {
      const due = await this.db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(and(eq(deliveries.status, "pending"), lte(deliveries.nextAttemptAt, Date.now())))
        .orderBy(asc(deliveries.nextAttemptAt))
        .limit(free);
      for (const row of await this.#claim(due.map((d) => d.id))) {
        const attempt = this.#attempt(row).finally(() => {
          this.#running.delete(attempt);
          this.kick();
        });
        this.#running.add(attempt);
      }
    }
    if (this.#stopped) return;
    const [next] = await this.db
      .select({ at: min(deliveries.nextAttemptAt) })
      .from(deliveries)
      .where(eq(deliveries.status, "pending"));
    const wait =
      next?.at == null ? pollIntervalMs : Math.max(0, Math.min(pollIntervalMs, next.at - Date.now()));
    this.#timer = setTimeout(() => this.kick(), Math.max(wait, 10));
  }

  /** Marks pending deliveries as being sent (one statement); answers those this worker won. */
  async #claim(ids: string[]): Promise<Delivery[]> {
    if (ids.length === 0) return [];
    return this.db
      .update(deliveries)
      .set({ status: "sending" })
      .where(and(inArray(deliveries.id, ids), eq(deliveries.status, "pending")))
      .returning();
  }

  async #attempt(delivery: Delivery): Promise<void> {
    const cfg = this.config.get();
    const started = Date.now();
    const result = await this.#send(delivery).catch(
      (error): CallResult => ({ ok: false, statusCode: null, error: (error as Error).message.slice(0, 500) }),
    );
    const now = Date.now();
    const attempts = delivery.attempts + 1;
    const { maxAttempts, backoffBaseMs, backoffMaxMs } = cfg.notifications;
    const giveUp = !result.ok && (attempts >= maxAttempts || result.error === DISABLED);
    // The attempt and the delivery's new state in one write: one lock for the requests to wait on.
    await this.db.batch([
      this.db.insert(deliveryAttempts).values({
        id: Bun.randomUUIDv7(),
        deliveryId: delivery.id,
        at: started,
        statusCode: result.statusCode,
        error: result.error,
        durationMs: now - started,
      }),
      this.db
        .update(deliveries)
        .set({
          status: result.ok ? "sent" : giveUp ? "failed" : "pending",
          attempts,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          sentAt: result.ok ? now : null,
          nextAttemptAt:
            result.ok || giveUp
              ? delivery.nextAttemptAt
              : now + backoffMs(attempts, backoffBaseMs, backoffMaxMs),
        })
        .where(eq(deliveries.id, delivery.id)),
    ]);
    const outcome: DeliveryOutcome = result.ok ? "sent" : giveUp ? "failed" : "retry";
    this.outcomes?.inc({ channel: delivery.channel, outcome });
    const fields = { delivery: delivery.id, channel: delivery.channel, event: delivery.event, attempts };
    if (result.ok) this.log.debug("delivery sent", fields);
    else if (giveUp) this.log.warn("delivery failed for good", { ...fields, error: result.error });
    else this.log.info("delivery will be retried", { ...fields, error: result.error });
  }

  async #send(delivery: Delivery): Promise<CallResult> {
    const cfg = this.config.get();
    if (delivery.channel === "email") {
      await this.#email.send(
        cfg.smtp,
        cfg.notifications.timeoutMs,
        JSON.parse(delivery.payload) as EmailMessage,
      );
      return { ok: true, statusCode: null, error: null };
    }
    const [hook] = await this.db
      .select({ url: webhooks.url, secret: webhooks.secret, enabled: webhooks.enabled })
      .from(webhooks)
      .where(eq(webhooks.id, delivery.webhookId ?? ""));
    if (!hook || (!hook.enabled && delivery.event !== TEST_EVENT))
      return { ok: false, statusCode: null, error: DISABLED };
    return callWebhook(
      hook,
      { event: delivery.event, deliveryId: delivery.id, body: delivery.payload },
      { timeoutMs: cfg.notifications.timeoutMs, allowedTargets: cfg.webhooks.allowedTargets },
    );
  }
}

/** The error of a delivery whose webhook was disabled or removed: not retried. */
const DISABLED = "The webhook is disabled.";
