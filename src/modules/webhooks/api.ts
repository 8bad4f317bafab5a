import { createSelectSchema } from "drizzle-zod";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { idParams, pageOf } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { deliveries } from "../notifications/deliveries-schema.ts";
import { deliveryAttempts } from "../notifications/delivery-attempts-schema.ts";
import { WEBHOOK_EVENTS } from "./events.ts";
import * as service from "./service.ts";

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
export const deliverySchema = createSelectSchema(deliveries)
  .omit({ payload: true })
  .extend({ attemptLog: z.array(createSelectSchema(deliveryAttempts)) });

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
  return new ResourceRouter("/integrations/webhooks", "Integrations", {
    svc,
    resource: "settings",
    config: deps.config,
  })
    .read(
      "/",
      { summary: "List webhooks", ok: { description: "Webhooks", schema: z.array(webhookSchema) } },
      service.listWebhooks,
    )
    .create(
      {
        summary: "Add a webhook",
        description:
          "The URL's address (literal, or what its name resolves to now) must be allowed by `webhooks.allowedTargets` (default: public addresses only), else 422 on `url`; every call is checked again on the address it connects to.",
        body: service.newWebhookSchema,
        ok: { description: "Added", schema: webhookSchema },
      },
      service.createWebhook,
    )
    .readOne(
      { summary: "Read a webhook", ok: { description: "Webhook", schema: webhookSchema } },
      service.getWebhook,
    )
    .act(
      "/:id",
      {
        summary: "Change a webhook",
        method: "patch",
        body: service.webhookPatchSchema,
        ok: { description: "Changed", schema: webhookSchema },
      },
      service.updateWebhook,
    )
    .remove({ summary: "Remove a webhook", gone: "Removed" }, service.deleteWebhook)
    .act(
      "/:id/test",
      {
        summary: "Send a test call",
        description: "Sends a signed `ping` at once (also to a disabled webhook) and answers how it went.",
        ok: { description: "The delivery after its first attempt", schema: deliverySchema },
      },
      (svc, actor, id, _body, request) => service.testWebhook(svc, actor, id, request),
    )
    .read(
      "/:id/deliveries",
      {
        summary: "A webhook's delivery log",
        params: idParams,
        query: service.deliveryQuerySchema,
        ok: { description: "Deliveries with their attempts", schema: pageOf(deliverySchema) },
      },
      (svc, actor, { params, query }) => service.listDeliveries(svc, actor, params.id, query),
    );
}
