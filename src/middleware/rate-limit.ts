import type { Context, MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { Config } from "../config/schema.ts";
import { clientIp } from "../lib/client-ip.ts";
import type { AppEnv } from "../lib/context.ts";
import { TooManyRequests } from "../lib/errors.ts";

/** The route groups limits are configured for. */
export type RateGroup = keyof Config["rateLimit"]["groups"];

/** Paths never counted: static files (many per page view) and health probes. */
const exempt = (path: string) => path.startsWith("/static/") || path === "/healthz" || path === "/readyz";

/** The group of a path: sign-in and tokens, the rest of the API, or pages. */
export function rateGroupOf(path: string): RateGroup {
  if (path.startsWith("/api/v1/auth/") || path === "/login" || path === "/setup") return "auth";
  return path.startsWith("/api/") ? "api" : "pages";
}

/** Refuses a request over a hono-rate-limiter limit: 429, `Retry-After` the seconds until its window resets. */
export function refuseOverLimit(c: Context, windowMs: number): never {
  const reset = (c.get("rateLimit" as never) as { resetTime?: Date } | undefined)?.resetTime;
  const seconds = reset ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000)) : windowMs / 1000;
  throw new TooManyRequests(Math.ceil(seconds));
}

/**
 * Request limits per route group from `rateLimit.*` (hono-rate-limiter, in-memory
 * store): `by: "ip"` counts per client address and runs before authentication;
 * `by: "user"` counts per signed-in user (whatever address or token they use) and runs
 * after it. Limits and the switch are read per request; a new window length rebuilds
 * the limiter. Over the limit: 429 problem with `Retry-After`.
 */
export function rateLimitFromConfig(settings: () => Config, by: "ip" | "user"): MiddlewareHandler<AppEnv> {
  const keyOf = (c: Context<AppEnv>) => {
    const group = rateGroupOf(c.req.path);
    if (by === "ip") return `${group}:ip:${clientIp(c, settings().server) ?? "unknown"}`;
    return `${group}:user:${c.get("actor")?.id}`;
  };
  const limitOf = (c: Context<AppEnv>) => {
    const group = settings().rateLimit.groups[rateGroupOf(c.req.path)];
    return by === "ip" ? group.maxPerIp : group.maxPerUser;
  };
  let current: { windowMs: number; limiter: MiddlewareHandler<AppEnv> } | null = null;
  return async function rateLimitMiddleware(c, next) {
    const config = settings();
    if (!config.rateLimit.enabled || exempt(c.req.path)) return next();
    if (by === "user" && !c.get("actor")?.id) return next();
    if (current?.windowMs !== config.rateLimit.windowMs) {
      const windowMs = config.rateLimit.windowMs;
      current = {
        windowMs,
        limiter: rateLimiter<AppEnv>({
          windowMs,
          limit: limitOf,
          standardHeaders: "draft-7",
          keyGenerator: keyOf,
          handler: (ctx) => refuseOverLimit(ctx, windowMs),
        }),
      };
    }
    return current.limiter(c, next);
  };
}
