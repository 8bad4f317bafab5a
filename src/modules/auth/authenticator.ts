import type { Authenticator } from "../../kit/authenticator.ts";
import { API_TOKEN_PREFIX, actorFromApiToken } from "../tokens/service.ts";
import { countUsers, type UserDeps } from "../users/service.ts";
import { actorFromAccessToken, refresh } from "./sessions.ts";

/** The {@link Authenticator} of the running app: access JWTs, API tokens and refresh tokens of stored users. */
export function sessionAuthenticator(deps: UserDeps): Authenticator {
  return {
    // A bearer token is a personal API token (`wdn_…`) or an access JWT.
    fromBearer: (token) =>
      token.startsWith(API_TOKEN_PREFIX) ? actorFromApiToken(deps, token) : actorFromAccessToken(deps, token),
    fromAccessToken: (token) => actorFromAccessToken(deps, token),
    refresh: (refreshToken, request) => refresh(deps, refreshToken, request),
    needsSetup: async () => (await countUsers(deps.db)) === 0,
  };
}
