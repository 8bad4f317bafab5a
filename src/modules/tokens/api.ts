import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
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
  const svc = coreDeps(deps);
  return new ResourceRouter("/tokens", "API tokens", { svc, resource: "tokens", config: deps.config })
    .read(
      "/",
      { summary: "List my API tokens", ok: { description: "Tokens", schema: z.array(apiTokenSchema) } },
      listApiTokens,
    )
    .create(
      {
        summary: "Create an API token",
        body: newApiTokenSchema,
        ok: {
          description: "Created; `token` is shown only now",
          schema: apiTokenSchema.extend({ token: z.string() }),
        },
      },
      createApiToken,
    )
    .remove({ summary: "Revoke an API token", gone: "Revoked" }, revokeApiToken);
}
