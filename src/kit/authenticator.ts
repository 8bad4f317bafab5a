import type { SessionTokens } from "../lib/session-cookies.ts";
import type { UserActor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";

/**
 * How credentials become an actor. The auth module implements it; the auth middleware and
 * the WebSocket use it, so neither reaches into the module that owns users and sessions.
 */
export interface Authenticator {
  /** The actor of an `Authorization: Bearer` credential (access JWT or API token); null when invalid, expired or revoked. */
  fromBearer(token: string): Promise<UserActor | null>;
  /** The actor of a session's access token; null when invalid or expired. */
  fromAccessToken(token: string): Promise<UserActor | null>;
  /** Rotates a refresh token into a new pair; throws `Unauthorized` when it is not valid. */
  refresh(refreshToken: string, request: RequestFacts): Promise<SessionTokens>;
  /** True while no user exists, so the console sends visitors to set one up. */
  needsSetup(): Promise<boolean>;
}
