import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { idParams, pageOf } from "../../kit/record-schemas.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { createdResponse } from "../../lib/created-response.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from "../notifications/deliveries-schema.ts";
import { WEBHOOK_EVENTS } from "./events.ts";
import {
  createWebhook,
  deleteWebhook,
  deliveryQuerySchema,
  getWebhook,
  listDeliveries,
  listWebhooks,
  newWebhookSchema,
  testWebhook,
  updateWebhook,
  webhookPatchSchema,
} from "./service.ts";

/** A webhook as the API returns it (never its secret). */
export const webhookSchema = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  secretHint: z.string().describe("The secret's last characters"),
  events: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});

/** A delivery with its attempts. */
export const deliverySchema = z.object({
  id: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  webhookId: z.string().nullable(),
  event: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  nextAttemptAt: z.number().int(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.number().int(),
  sentAt: z.number().int().nullable(),
  attemptLog: z.array(
    z.object({
      id: z.string(),
      at: z.number().int(),
      statusCode: z.number().int().nullable(),
      error: z.string().nullable(),
      durationMs: z.number().int(),
    }),
  ),
});

/**
 * Outgoing webhooks (admins):
 * - GET    /api/v1/integrations/webhooks                  list
 * - POST   /api/v1/integrations/webhooks                  add {name, url, secret, events, enabled}
 * - GET    /api/v1/integrations/webhooks/:id              one
 * - PATCH  /api/v1/integrations/webhooks/:id              change (a missing secret is kept)
 * - DELETE /api/v1/integrations/webhooks/:id              remove, with its delivery log
 * - POST   /api/v1/integrations/webhooks/:id/test         send a signed `ping` now; answers the delivery
 * - GET    /api/v1/integrations/webhooks/:id/deliveries   delivery log, newest first
 */
export function webhooksApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, worker: deps.notifier.worker, config: deps.config };
  const facts = (c: Parameters<typeof requestFacts>[0]) => requestFacts(c, deps.config);
  return new ApiRouter("/integrations/webhooks", "Integrations")
    .get(
      "/",
      {
        summary: "List webhooks",
        permission: { action: "read", resource: "settings" },
        responses: { 200: { description: "Webhooks", schema: z.array(webhookSchema) } },
      },
      async (c) => c.json(await listWebhooks(svc, actorOf(c))),
    )
    .post(
      "/",
      {
        summary: "Add a webhook",
        permission: { action: "create", resource: "settings" },
        description:
          "The URL's address (literal, or what its name resolves to now) must be allowed by `webhooks.allowedTargets` (default: public addresses only), else 422 on `url`; every call is checked again on the address it connects to.",
        body: newWebhookSchema,
        responses: { 201: { description: "Added", schema: webhookSchema } },
      },
      async (c, { body }) =>
        createdResponse(
          c,
          "/api/v1/integrations/webhooks",
          await createWebhook(svc, actorOf(c), body, facts(c)),
        ),
    )
    .get(
      "/:id",
      {
        summary: "Read a webhook",
        permission: { action: "read", resource: "settings" },
        params: idParams,
        responses: { 200: { description: "Webhook", schema: webhookSchema } },
      },
      async (c, { params }) => c.json(await getWebhook(svc, actorOf(c), params.id)),
    )
    .patch(
      "/:id",
      {
        summary: "Change a webhook",
        permission: { action: "update", resource: "settings" },
        params: idParams,
        body: webhookPatchSchema,
        responses: { 200: { description: "Changed", schema: webhookSchema } },
      },
      async (c, { params, body }) => c.json(await updateWebhook(svc, actorOf(c), params.id, body, facts(c))),
    )
    .delete(
      "/:id",
      {
        summary: "Remove a webhook",
        permission: { action: "delete", resource: "settings" },
        params: idParams,
        responses: { 204: { description: "Removed" } },
      },
      async (c, { params }) => {
        await deleteWebhook(svc, actorOf(c), params.id, facts(c));
        return c.body(null, 204);
      },
    )
    .post(
      "/:id/test",
      {
        summary: "Send a test call",
        permission: { action: "update", resource: "settings" },
        description: "Sends a signed `ping` at once (also to a disabled webhook) and answers how it went.",
        params: idParams,
        responses: { 200: { description: "The delivery after its first attempt", schema: deliverySchema } },
      },
      async (c, { params }) => c.json(await testWebhook(svc, actorOf(c), params.id, facts(c))),
    )
    .get(
      "/:id/deliveries",
      {
        summary: "A webhook's delivery log",
        permission: { action: "read", resource: "settings" },
        params: idParams,
        query: deliveryQuerySchema,
        responses: { 200: { description: "Deliveries with their attempts", schema: pageOf(deliverySchema) } },
      },
      async (c, { params, query }) => c.json(await listDeliveries(svc, actorOf(c), params.id, query)),
    );
}
