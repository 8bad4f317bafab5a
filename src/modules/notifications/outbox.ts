import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { TEST_EVENT, WebhookEvent } from "../webhooks/events.ts";
import { webhooks } from "../webhooks/schema.ts";
import { deliveries } from "./deliveries-schema.ts";

/**
 * Where deliveries are queued: best the transaction making the change they tell of, so the
 * change and its deliveries commit together (the worker is kicked once it has committed).
 */
export type OutboxWriter = Pick<Db, "select" | "insert">;

/** An e-mail waiting in the outbox. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** The JSON body every webhook call carries; `id` names the event (the same for every webhook). */
export interface WebhookBody {
  event: WebhookEvent | typeof TEST_EVENT;
  id: string;
  createdAt: number;
  data: Record<string, unknown>;
}

/** Inserts deliveries due now (one insert); returns their ids. */
async function queue(
  db: OutboxWriter,
  wanted: Pick<typeof deliveries.$inferInsert, "channel" | "webhookId" | "event" | "payload">[],
): Promise<string[]> {
  if (wanted.length === 0) return [];
  const now = Date.now();
  const rows = wanted.map((d) => ({ id: Bun.randomUUIDv7(), ...d, nextAttemptAt: now, createdAt: now }));
  await db.insert(deliveries).values(rows);
  return rows.map((r) => r.id);
}

/** Queues e-mails (one delivery each); the worker sends them. */
export async function queueEmails(
  db: OutboxWriter,
  event: string,
  messages: EmailMessage[],
): Promise<string[]> {
  const emails = messages.map((m) => ({ channel: "email" as const, event, payload: JSON.stringify(m) }));
  return queue(db, emails);
}

/** A webhook body for `event`, built once so every attempt sends (and signs) the same bytes. */
export function webhookBody(event: WebhookBody["event"], data: Record<string, unknown>): WebhookBody {
  return { event, id: Bun.randomUUIDv7(), createdAt: Date.now(), data };
}

/** Queues one call with `body` to each of `webhookIds` (one insert); returns the delivery ids. */
export async function queueWebhookCalls(
  db: OutboxWriter,
  webhookIds: string[],
  body: WebhookBody,
): Promise<string[]> {
  const { event } = body;
  const payload = JSON.stringify(body);
  const calls = webhookIds.map((webhookId) => ({ channel: "webhook" as const, webhookId, event, payload }));
  return queue(db, calls);
}

/** Queues a call to every enabled webhook subscribed to `event`; returns how many. */
export async function queueWebhookEvent(
  db: OutboxWriter,
  event: WebhookEvent,
  data: Record<string, unknown>,
): Promise<number> {
  const hooks = await db
    .select({ id: webhooks.id, events: webhooks.events })
    .from(webhooks)
    .where(eq(webhooks.enabled, true));
  const subscribed = hooks.filter((h) => h.events.includes(event)).map((h) => h.id);
  return (await queueWebhookCalls(db, subscribed, webhookBody(event, data))).length;
}
