import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { ConfigSource } from "../config/live.ts";
import { clientIp } from "../lib/client-ip.ts";
import { refuseOverLimit } from "./rate-limit.ts";

const WINDOW_MS = 60_000;

/** The login name of a sign-in attempt (JSON API or the login form), lower-cased. */
async function attemptedLogin(c: Context): Promise<string> {
  try {
    const type = c.req.header("Content-Type") ?? "";
    const body = type.includes("json") ? await c.req.json() : await c.req.parseBody();
    const login = (body as Record<string, unknown>).login;
    return typeof login === "string" ? login.trim().toLowerCase().slice(0, 254) : "";
  } catch {
    return "";
  }
}

/**
 * The account a sign-in attempt counts against: the login name it carries, else (a step that
 * carries none, the second-factor code) the one `pendingLogin` names, so wrong codes count
 * against the same account as wrong passwords.
 */
export function attemptAccount(
  pendingLogin: (c: Context) => Promise<string>,
): (c: Context) => Promise<string> {
  return async (c) => (await attemptedLogin(c)) || (await pendingLogin(c));
}

/**
 * Limits failed attempts to `auth.loginAttemptsPerMinute` per client address and per
 * `account` (hono-rate-limiter; successful attempts do not count). Over the limit every
 * attempt is refused with 429 and `Retry-After`, right password or code or not.
 */
export function loginLimit(
  config: ConfigSource,
  account: (c: Context) => Promise<string>,
): MiddlewareHandler {
  const limit = () => config.get().auth.loginAttemptsPerMinute;
  const common = {
    windowMs: WINDOW_MS,
    limit,
    skipSuccessfulRequests: true,
    standardHeaders: false,
    handler: (c: Context) => refuseOverLimit(c, WINDOW_MS),
  } as const;
  const perIp = rateLimiter({
    ...common,
    keyGenerator: (c) => `login-ip:${clientIp(c, config.get().server) ?? "unknown"}`,
  });
  const perAccount = rateLimiter({
    ...common,
    keyGenerator: async (c) => `login-account:${await account(c)}`,
  });
  return async function loginLimitMiddleware(c, next) {
    if (c.req.method !== "POST") return next();
    return perIp(c, async () => {
      await perAccount(c, next);
    });
  };
}
