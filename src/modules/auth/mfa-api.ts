import type { AppDeps } from "../../deps.ts";
import { idParams } from "../../kit/record-schemas.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { resetSecondFactor } from "./mfa-reset.ts";

/**
 * Second factors, for admins:
 * - DELETE /api/v1/users/:id/mfa   remove a user's authenticator app, recovery codes and passkeys (audited, the user told)
 */
export function mfaApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, config: deps.config, bus: deps.bus, notifier: deps.notifier };
  return new ApiRouter("/users", "Users").delete(
    "/:id/mfa",
    {
      summary: "Reset a user's two-factor sign-in",
      permission: { action: "update", resource: "users" },
      description:
        "Removes the user's authenticator app, recovery codes and passkeys, for someone who lost their device. Audited as `auth.mfa_reset`; the user gets a notification.",
      params: idParams,
      responses: { 204: { description: "Reset" } },
    },
    async (c, { params }) => {
      await resetSecondFactor(svc, actorOf(c), params.id, requestFacts(c, deps.config));
      return c.body(null, 204);
    },
  );
}
