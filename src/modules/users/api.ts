import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { idParams } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { resetSecondFactor } from "../auth/mfa-service.ts";
import { newUserInput, passwordResetSchema, userPatchSchema } from "./account-input.ts";
import { createUser } from "./accounts.ts";
import { resetPassword } from "./password-change.ts";
import { getUser, listUsers, publicUserSchema, updateUser } from "./service.ts";

/**
 * User administration (admin only):
 * - DELETE /api/v1/users/:id/mfa              remove their authenticator app, recovery codes, passkeys (they are told)
 * - GET    /api/v1/users                       every user
 * - POST   /api/v1/users                       create a user
 * - GET    /api/v1/users/:id                   one user
 * - PATCH  /api/v1/users/:id                   change role, active flag, display name
 * - POST   /api/v1/users/:id/reset-password    set a new password, ending their sessions (and API tokens)
 */
export function usersApi(deps: AppDeps): ApiRouter {
  // The notifier tells a user whose second factors were reset.
  const svc = { ...coreDeps(deps), notifier: deps.notifier };
  return new ResourceRouter("/users", "Users", { svc, resource: "users", config: deps.config })
    .delete(
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
    )
    .read(
      "/",
      { summary: "List users", ok: { description: "Users", schema: z.array(publicUserSchema) } },
      listUsers,
    )
    .create(
      {
        summary: "Create a user",
        body: newUserInput(svc),
        ok: { description: "Created", schema: publicUserSchema },
      },
      createUser,
    )
    .readOne({ summary: "Get a user", ok: { description: "User", schema: publicUserSchema } }, getUser)
    .act(
      "/:id",
      {
        summary: "Change a user's role, active flag or display name",
        description: "The last active admin can be neither demoted nor deactivated (409).",
        method: "patch",
        body: userPatchSchema,
        ok: { description: "Updated", schema: publicUserSchema },
        refused: { 409: { description: "Last admin" } },
      },
      updateUser,
    )
    .act(
      "/:id/reset-password",
      {
        summary: "Set a new password",
        description:
          "Ends every session of the user and revokes their API tokens, unless `keepApiTokens` is true.",
        body: passwordResetSchema,
        ok: { description: "Done" },
        status: 204,
      },
      resetPassword,
    );
}
