import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { createdResponse } from "../../lib/created-response.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import {
  apiTokenSchema,
  createApiToken,
  listApiTokens,
  newApiTokenSchema,
  revokeApiToken,
} from "./service.ts";

/**
 * Personal API tokens of the signed-in user:
 * - GET    /api/v1/tokens       list (never the secrets)
 * - POST   /api/v1/tokens       create; the `wdn_…` secret is in this answer only
 * - DELETE /api/v1/tokens/:id   revoke
 */
export function tokensApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, config: deps.config, bus: deps.bus };
  return new ApiRouter("/tokens", "API tokens")
    .get(
      "/",
      {
        summary: "List my API tokens",
        permission: { action: "read", resource: "tokens" },
        responses: { 200: { description: "Tokens", schema: z.array(apiTokenSchema) } },
      },
      async (c) => c.json(await listApiTokens(svc, actorOf(c))),
    )
    .post(
      "/",
      {
        summary: "Create an API token",
        permission: { action: "create", resource: "tokens" },
        body: newApiTokenSchema,
        responses: {
          201: {
            description: "Created; `token` is shown only now",
            schema: apiTokenSchema.extend({ token: z.string() }),
          },
        },
      },
      async (c, { body }) =>
        createdResponse(
          c,
          "/api/v1/tokens",
          await createApiToken(svc, actorOf(c), body, requestFacts(c, deps.config)),
        ),
    )
    .delete(
      "/:id",
      {
        summary: "Revoke an API token",
        permission: { action: "delete", resource: "tokens" },
        params: z.object({ id: z.string().min(1).max(64) }),
        responses: { 204: { description: "Revoked" } },
      },
      async (c, { params }) => {
        await revokeApiToken(svc, actorOf(c), params.id, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    );
}
