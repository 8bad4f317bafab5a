import type { Actor } from "../kit/actor.ts";
import type { Bus } from "./bus.ts";

/**
 * What a live connection (an SSE stream, a WebSocket) was opened with: its user, and the
 * sign-in session (refresh-token family) or the API token it authenticated with.
 */
export interface Credential {
  userId: string;
  sessionId?: string;
  tokenId?: string;
  /** When the credential stops being valid (ms since the epoch); null or absent: no expiry of its own. */
  expiresAt?: number | null;
}

/**
 * Credentials of one user that just ended. With `sessionId` or `tokenId`: that one only;
 * with `sessionsOnly`: every sign-in session but not the API tokens; otherwise every
 * credential of the user (deactivation, role change).
 */
export interface EndedCredentials {
  userId: string;
  sessionId?: string;
  tokenId?: string;
  sessionsOnly?: boolean;
  /** Why, in a few words: what closed connections are told. */
  reason: string;
}

/**
 * Announces ended credentials (`credentials.ended` on the internal `sessions` topic): the
 * session cache refuses them on the next request, and every live connection opened with
 * them closes.
 */
export function announceCredentialsEnded(deps: { bus?: Bus }, ended: EndedCredentials): void {
  deps.bus?.publish("sessions", "credentials.ended", ended);
}

/** True when `ended` covers `credential`. */
export function isEndedBy(credential: Credential, ended: EndedCredentials): boolean {
  if (credential.userId !== ended.userId) return false;
  if (ended.sessionId !== undefined) return credential.sessionId === ended.sessionId;
  if (ended.tokenId !== undefined) return credential.tokenId === ended.tokenId;
  if (ended.sessionsOnly) return credential.tokenId === undefined;
  return true;
}

/** The credential `actor` authenticated with. */
export function credentialOf(actor: Actor): Credential {
  switch (actor.type) {
    case "token":
      return { userId: actor.id, tokenId: actor.tokenId, expiresAt: actor.expiresAt };
    case "user":
      return { userId: actor.id, sessionId: actor.sessionId };
    case "system":
      return { userId: "system" };
  }
}
