import type { UserActor } from "../../kit/actor.ts";
import { API_TOKEN_PREFIX, actorFromApiToken } from "../tokens/service.ts";
import type { UserDeps } from "../users/service.ts";
import { actorFromAccessToken } from "./sessions.ts";

/** The actor of a bearer token: a personal API token (`wdn_…`) or an access JWT; null when invalid. */
export function actorFromBearer(deps: UserDeps, token: string): Promise<UserActor | null> {
  return token.startsWith(API_TOKEN_PREFIX)
    ? actorFromApiToken(deps, token)
    : actorFromAccessToken(deps, token);
}
