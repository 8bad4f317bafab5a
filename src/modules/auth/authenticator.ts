import type { Authenticator } from "../../kit/authenticator.ts";
import { countUsers, type UserDeps } from "../users/service.ts";
import { actorFromBearer } from "./bearer.ts";
import { actorFromAccessToken, refresh } from "./sessions.ts";

/** The {@link Authenticator} of the running app: access JWTs, API tokens and refresh tokens of stored users. */
export function sessionAuthenticator(deps: UserDeps): Authenticator {
  return {
    fromBearer: (token) => actorFromBearer(deps, token),
    fromAccessToken: (token) => actorFromAccessToken(deps, token),
    refresh: (refreshToken, request) => refresh(deps, refreshToken, request),
    needsSetup: async () => (await countUsers(deps.db)) === 0,
  };
}
