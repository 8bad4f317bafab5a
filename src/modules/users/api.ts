import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { createdResponse } from "../../lib/created-response.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { newUserInput, passwordResetSchema, userPatchSchema } from "./account-input.ts";
import { createUser } from "./accounts.ts";
import { resetPassword } from "./password-change.ts";
import { getUser, listUsers, publicUserSchema, updateUser } from "./service.ts";

const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * User administration (admin only):
 * - GET   /api/v1/users                       every user
 * - POST  /api/v1/users                       create a user
 * - GET   /api/v1/users/:id                   one user
 * - PATCH /api/v1/users/:id                   change role, active flag, display name
 * - POST  /api/v1/users/:id/reset-password    set a new password, ending their sessions (and API tokens)
 */
export function usersApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, config: deps.config, bus: deps.bus };
  return new ApiRouter("/users", "Users")
    .get(
      "/",
      {
        summary: "List users",
        permission: { action: "read", resource: "users" },
        responses: { 200: { description: "Users", schema: z.array(publicUserSchema) } },
      },
      async (c) => c.json(await listUsers(svc, actorOf(c))),
    )
    .post(
      "/",
      {
        summary: "Create a user",
        permission: { action: "create", resource: "users" },
        body: newUserInput(svc),
        responses: { 201: { description: "Created", schema: publicUserSchema } },
      },
      async (c, { body }) =>
        createdResponse(
          c,
          "/api/v1/users",
          await createUser(svc, actorOf(c), body, requestFacts(c, deps.config)),
        ),
    )
    .get(
      "/:id",
      {
        summary: "Get a user",
        permission: { action: "read", resource: "users" },
        params: idParams,
        responses: { 200: { description: "User", schema: publicUserSchema } },
      },
      async (c, { params }) => c.json(await getUser(svc, actorOf(c), params.id)),
    )
    .patch(
      "/:id",
      {
        summary: "Change a user's role, active flag or display name",
        permission: { action: "update", resource: "users" },
        description: "The last active admin can be neither demoted nor deactivated (409).",
        params: idParams,
        body: userPatchSchema,
        responses: {
          200: { description: "Updated", schema: publicUserSchema },
          409: { description: "Last admin" },
        },
      },
      async (c, { params, body }) =>
        c.json(await updateUser(svc, actorOf(c), params.id, body, requestFacts(c, deps.config))),
    )
    .post(
      "/:id/reset-password",
      {
        summary: "Set a new password",
        permission: { action: "update", resource: "users" },
        description:
          "Ends every session of the user and revokes their API tokens, unless `keepApiTokens` is true.",
        params: idParams,
        body: passwordResetSchema,
        responses: { 204: { description: "Done" } },
      },
      async (c, { params, body }) => {
        await resetPassword(svc, actorOf(c), params.id, body, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    );
}
