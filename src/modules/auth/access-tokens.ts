import { sign, verify } from "hono/jwt";
import type { Role } from "../../db/schema/users.ts";

/**
 * Claims of a Warden access token. `ver` is the user's token version when it was issued;
 * `sid` is the sign-in session (refresh-token family) it belongs to, so signing out ends it.
 */
export interface AccessClaims {
  sub: string;
  sid: string;
  role: Role;
  ver: number;
  iat: number;
  exp: number;
  jti: string;
}

/** Signs a short-lived HS256 access token of `user`'s sign-in session `sessionId`. */
export function signAccessToken(
  user: { id: string; role: Role; tokenVersion: number },
  sessionId: string,
  secret: string,
  ttlSeconds: number,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: AccessClaims = {
    sub: user.id,
    sid: sessionId,
    role: user.role,
    ver: user.tokenVersion,
    iat: now,
    exp: now + ttlSeconds,
    jti: Bun.randomUUIDv7(),
  };
  return sign({ ...claims }, secret, "HS256");
}

/**
 * Verifies an access token: HS256 only (hono/jwt refuses a header naming any other algorithm,
 * `none` included), valid signature, not expired, of a sign-in session. Null when anything
 * is wrong.
 */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | null> {
  try {
    const payload = (await verify(token, secret, "HS256")) as unknown as AccessClaims;
    if (
      typeof payload.sub !== "string" ||
      typeof payload.sid !== "string" ||
      typeof payload.ver !== "number" ||
      typeof payload.exp !== "number"
    )
      return null;
    return payload;
  } catch {
    return null;
  }
}
