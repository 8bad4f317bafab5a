import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { newUserSchema, withPasswordPolicy } from "../users/account-input.ts";
import { createFirstAdmin, registerUser } from "../users/accounts.ts";
import { changeOwnPassword, passwordChangeSchema, profileSchema, updateProfile } from "../users/profile.ts";
import { getSelf, publicUserSchema } from "../users/service.ts";
import { apiLogin, apiLoginSchema } from "./mfa-sign-in.ts";
import { logout, refresh, tokenPairSchema } from "./sessions.ts";

const refreshSchema = z.object({ refreshToken: z.string().min(1).max(200) });

/**
 * Authentication:
 * - POST /api/v1/auth/setup     create the first admin (only while no user exists)
 * - POST /api/v1/auth/login     email or username + password → token pair
 * - POST /api/v1/auth/refresh   rotate a refresh token → new pair
 * - POST /api/v1/auth/logout    revoke a refresh token's family
 * - GET  /api/v1/auth/me        the signed-in user
 * - PATCH /api/v1/auth/me       change one's display name or language
 * - POST /api/v1/auth/password  change one's password (ends every session and, unless kept, API token)
 * - POST /api/v1/auth/register  self-registration as viewer (when enabled)
 */
export function authApi(deps: AppDeps): ApiRouter {
  const svc = coreDeps(deps);
  // Shape and password policy only: registration must not tell whether an address is
  // taken, and setup must answer 409 once done whatever it is sent. The services run the
  // full check (uniqueness included) where it is due.
  const signupSchema = withPasswordPolicy(newUserSchema.omit({ role: true }), deps.config);
  return new ApiRouter("/auth", "Auth")
    .post(
      "/setup",
      {
        summary: "Create the first admin (first run only)",
        public: true,
        body: signupSchema,
        responses: {
          201: { description: "The admin", schema: publicUserSchema },
          409: { description: "Setup done" },
        },
      },
      async (c, { body }) => c.json(await createFirstAdmin(svc, body, requestFacts(c, deps.config)), 201),
    )
    .post(
      "/login",
      {
        summary: "Sign in",
        public: true,
        description:
          "An account with an authenticator app also sends its current `code` (or a recovery code); a wrong code is refused like a wrong password and counts toward the same limits. Accounts with passkeys only sign in in the browser.",
        body: apiLoginSchema,
        responses: { 200: { description: "Tokens", schema: tokenPairSchema } },
      },
      async (c, { body }) => c.json(await apiLogin(svc, body, requestFacts(c, deps.config))),
    )
    .post(
      "/refresh",
      {
        summary: "Exchange a refresh token for a new pair (single use)",
        public: true,
        body: refreshSchema,
        responses: { 200: { description: "Tokens", schema: tokenPairSchema } },
      },
      async (c, { body }) => c.json(await refresh(svc, body.refreshToken, requestFacts(c, deps.config))),
    )
    .post(
      "/logout",
      {
        summary: "Sign out: end the refresh token's session",
        description:
          "Revokes the refresh token and every token rotated from it; the session's access tokens are refused from now on and its live streams and sockets close.",
        public: true,
        body: refreshSchema,
        responses: { 204: { description: "Signed out" } },
      },
      async (c, { body }) => {
        await logout(svc, { refreshToken: body.refreshToken }, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    )
    .get(
      "/me",
      {
        summary: "The signed-in user",
        permission: "signed-in",
        responses: { 200: { description: "User", schema: publicUserSchema } },
      },
      async (c) => c.json(await getSelf(svc, actorOf(c))),
    )
    .patch(
      "/me",
      {
        summary: "Change my display name or language",
        permission: "signed-in",
        body: profileSchema(deps.catalogs.locales),
        responses: {
          200: { description: "Updated", schema: publicUserSchema.extend({ locale: z.string().nullable() }) },
        },
      },
      async (c, { body }) => c.json(await updateProfile(svc, actorOf(c), body, requestFacts(c, deps.config))),
    )
    .post(
      "/password",
      {
        summary: "Change my password",
        permission: "signed-in",
        description:
          "Checks the current password; ends every session and token pair of the user, and revokes their API tokens unless `keepApiTokens` is true.",
        body: passwordChangeSchema(deps.config),
        responses: { 204: { description: "Changed" } },
      },
      async (c, { body }) => {
        await changeOwnPassword(svc, actorOf(c), body, requestFacts(c, deps.config));
        return c.body(null, 204);
      },
    )
    .post(
      "/register",
      {
        summary: "Register as a viewer (only when auth.allowRegistration is on)",
        description: "Answers 202 whether or not the address was already registered.",
        public: true,
        body: signupSchema,
        responses: { 202: { description: "Accepted" }, 404: { description: "Registration disabled" } },
      },
      async (c, { body }) => {
        await registerUser(svc, body, requestFacts(c, deps.config));
        return c.json({ status: "accepted" }, 202);
      },
    );
}
