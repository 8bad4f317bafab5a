import { count, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { type Changes, type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { deleteAudited, insertAudited, updateAudited } from "../../kit/audited-writes.ts";
import { newRowStamp } from "../../kit/new-row.ts";
import { type Action, assertCan } from "../../kit/rbac.ts";
import { changesOf, createdChanges, valuesAfter } from "../../kit/record-changes.ts";
import { NotFound, Validation } from "../../lib/errors.ts";
import { MAX_PAGE_SIZE, type Page, readPage } from "../../lib/list-query.ts";
import { type Delivery, deliveries } from "../notifications/deliveries-schema.ts";
import { type DeliveryAttempt, deliveryAttempts } from "../notifications/delivery-attempts-schema.ts";
import type { DeliveryWorker } from "../notifications/delivery-worker.ts";
import { queueWebhookCalls, webhookBody } from "../notifications/outbox.ts";
import { TEST_EVENT, webhookEventSchema } from "./events.ts";
import { type Webhook, webhooks } from "./schema.ts";
import { webhookUrlRefusal } from "./target.ts";

/** What the webhook services need. */
export interface WebhookDeps {
  db: Db;
  worker: DeliveryWorker;
  config: ConfigSource;
}

const url = z
  .string()
  .trim()
  .max(2000, "Use at most 2,000 characters.")
  .refine((value) => {
    const parsed = URL.parse(value);
    return (parsed?.protocol === "http:" || parsed?.protocol === "https:") && parsed.hostname !== "";
  }, "Enter an http:// or https:// address.")
  // A password in the address would be shown in the list and written to the audit log.
  .refine((value) => {
    const parsed = URL.parse(value);
    return !parsed || (parsed.username === "" && parsed.password === "");
  }, "Leave the user name and password out of the address: every call is signed with the secret instead.");
const secret = z.string().min(16, "Use at least 16 characters.").max(200, "Use at most 200 characters.");
const name = z.string().trim().min(1, "Enter a name.").max(100, "Use at most 100 characters.");
const events = z
  .array(webhookEventSchema)
  .min(1, "Choose at least one event.")
  .transform((list) => [...new Set(list)]);

/** A new webhook. */
export const newWebhookSchema = z.object({ name, url, secret, events, enabled: z.boolean().default(true) });

/** Changes to a webhook; a missing `secret` keeps the current one. */
export const webhookPatchSchema = z.object({
  name: name.optional(),
  url: url.optional(),
  secret: secret.optional(),
  events: events.optional(),
  enabled: z.boolean().optional(),
});

/** A webhook as the API and pages show it: the secret only as its last characters. */
export type WebhookView = Omit<Webhook, "secret"> & { secretHint: string };

/** A delivery as the log shows it, with its attempts, newest first. */
export type DeliveryView = Omit<Delivery, "payload"> & { attemptLog: DeliveryAttempt[] };

/** Page of a delivery log. */
export const deliveryQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
});

function toView({ secret: kept, ...hook }: Webhook): WebhookView {
  return { ...hook, secretHint: `…${kept.slice(-4)}` };
}

/** 422 on `url` when it points outside `webhooks.allowedTargets` now (each call is checked again). */
async function assertUrlAllowed(deps: WebhookDeps, url: string): Promise<void> {
  const refusal = await webhookUrlRefusal(url, deps.config.get().webhooks.allowedTargets);
  if (refusal) throw new Validation({ url: refusal });
}

async function findHook(db: Db, id: string): Promise<Webhook> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id));
  if (!row) throw new NotFound(`No webhook ${id}.`);
  return row;
}

/** The webhook `id` for `actor` to `action` (webhooks are settings): 403 when they may not, 404 when there is none. */
function hookFor(deps: WebhookDeps, actor: Actor, action: Action, id: string): Promise<Webhook> {
  assertCan(actor, action, "settings");
  return findHook(deps.db, id);
}

/** Every webhook (admins). */
export async function listWebhooks(deps: WebhookDeps, actor: Actor): Promise<WebhookView[]> {
  assertCan(actor, "read", "settings");
  return (await deps.db.select().from(webhooks).orderBy(webhooks.name, webhooks.id)).map(toView);
}

/** One webhook (admins). */
export async function getWebhook(deps: WebhookDeps, actor: Actor, id: string): Promise<WebhookView> {
  return toView(await hookFor(deps, actor, "read", id));
}

/** Adds a webhook (admins); audited with the secret masked. */
export async function createWebhook(
  deps: WebhookDeps,
  actor: Actor,
  input: z.infer<typeof newWebhookSchema>,
  request?: RequestFacts,
): Promise<WebhookView> {
  assertCan(actor, "create", "settings");
  await assertUrlAllowed(deps, input.url);
  const row: Webhook = { ...newRowStamp(actor), ...input };
  const changes = createdChanges(input);
  const entry = { actor, action: "webhook.create", resourceType: "webhook", changes, request };
  await insertAudited(deps.db, webhooks, row, entry);
  return toView(row);
}

/** Changes a webhook (admins); audited (the secret masked). */
export async function updateWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  patch: z.infer<typeof webhookPatchSchema>,
  request?: RequestFacts,
): Promise<WebhookView> {
  const before = await hookFor(deps, actor, "update", id);
  if (patch.url !== undefined) await assertUrlAllowed(deps, patch.url);
  const changes: Changes = changesOf(before, patch);
  if (Object.keys(changes).length === 0) return toView(before);
  const entry = { actor, action: "webhook.update", resourceType: "webhook", changes, request };
  await updateAudited(deps.db, webhooks, id, valuesAfter(changes), entry);
  return toView(await findHook(deps.db, id));
}

/** Removes a webhook and its delivery log (admins); audited. */
export async function deleteWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  const before = await hookFor(deps, actor, "delete", id);
  const entry = { actor, action: "webhook.delete", resourceType: "webhook", request };
  await deleteAudited(deps.db, webhooks, id, { name: before.name, url: before.url }, entry);
}

/**
 * Sends a `ping` to the webhook now (also when disabled) and answers the delivery as it
 * ended: sent, or pending a retry with the status code or error of the attempt. Audited.
 */
export async function testWebhook(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<DeliveryView> {
  const hook = await hookFor(deps, actor, "update", id);
  const body = webhookBody(TEST_EVENT, { webhook: { id: hook.id, name: hook.name }, by: actor.label });
  const deliveryId = await deps.db.transaction(async (tx) => {
    const [queued = ""] = await queueWebhookCalls(tx, [hook.id], body);
    await recordAudit(tx, {
      actor,
      action: "webhook.test",
      resourceType: "webhook",
      resourceId: id,
      changes: { delivery: { before: null, after: queued } },
      request,
    });
    return queued;
  });
  await deps.worker.attemptNow(deliveryId);
  const [row] = await deps.db.select().from(deliveries).where(eq(deliveries.id, deliveryId));
  if (!row) throw new NotFound(`No delivery ${deliveryId}.`);
  const [view] = await withAttempts(deps.db, [row]);
  return view as DeliveryView;
}

async function withAttempts(db: Db, rows: Delivery[]): Promise<DeliveryView[]> {
  const views: DeliveryView[] = [];
  for (const { payload: _body, ...row } of rows) {
    const attemptLog = await db
      .select()
      .from(deliveryAttempts)
      .where(eq(deliveryAttempts.deliveryId, row.id))
      .orderBy(desc(deliveryAttempts.at), desc(deliveryAttempts.id));
    views.push({ ...row, attemptLog });
  }
  return views;
}

/** A webhook's delivery log, newest first, each delivery with its attempts (admins). */
export async function listDeliveries(
  deps: WebhookDeps,
  actor: Actor,
  id: string,
  query: z.infer<typeof deliveryQuerySchema>,
): Promise<Page<DeliveryView>> {
  await hookFor(deps, actor, "read", id);
  const where = eq(deliveries.webhookId, id);
  const page = await readPage(
    query,
    deps.db.select({ n: count() }).from(deliveries).where(where),
    deps.db.select().from(deliveries).where(where).orderBy(desc(deliveries.createdAt), desc(deliveries.id)),
  );
  return { ...page, items: await withAttempts(deps.db, page.items) };
}
