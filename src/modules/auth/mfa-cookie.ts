import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Config } from "../../config/schema.ts";
import { isSecureRequest } from "../../lib/session-cookies.ts";
import { CHALLENGE_TTL_MS } from "./mfa-challenges.ts";

/**
 * Cookie naming a half-finished sign-in or a WebAuthn ceremony (mfa-challenges.ts). It is
 * no session: it opens nothing but the next step, lives minutes, and is HttpOnly and
 * SameSite=Strict, so it stays in the browser that started.
 */
export const CHALLENGE_COOKIE = "warden_mfa";

/** Stores the token of a challenge (Secure over HTTPS). */
export function setChallengeCookie(c: Context, token: string, config: Config): void {
  setCookie(c, CHALLENGE_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: isSecureRequest(c, config),
    path: "/",
    maxAge: CHALLENGE_TTL_MS / 1000,
  });
}

/** The challenge token of the request, if any. */
export function readChallengeCookie(c: Context): string | undefined {
  return getCookie(c, CHALLENGE_COOKIE);
}

/** Forgets the challenge. */
export function clearChallengeCookie(c: Context): void {
  deleteCookie(c, CHALLENGE_COOKIE, { path: "/" });
}
