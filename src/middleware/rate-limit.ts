import type { MiddlewareHandler } from "hono";
import { rateLimiter } from "hono-rate-limiter";
import type { Config } from "../config/schema.ts";
import { clientIp } from "../lib/client-ip.ts";
import { TooManyRequests } from "../lib/errors.ts";

/** Paths never counted: static files (many per page view) and health probes. */
const EXEMPT = (path: string) => path.startsWith("/static/") || path === "/healthz" || path === "/readyz";

/**
 * Per-IP request limit from `rateLimit.*` (hono-rate-limiter, in-memory store). The
 * limit and the on/off switch are read per request; a new window length rebuilds the
 * limiter. Over the limit: 429 problem with `Retry-After`.
 */
export function rateLimitFromConfig(settings: () => Config): MiddlewareHandler {
  let current: { windowMs: number; limiter: MiddlewareHandler } | null = null;
  return async function rateLimitMiddleware(c, next) {
    const config = settings();
    if (!config.rateLimit.enabled || EXEMPT(c.req.path)) return next();
    if (current?.windowMs !== config.rateLimit.windowMs) {
      const windowMs = config.rateLimit.windowMs;
      current = {
        windowMs,
        limiter: rateLimiter({
          windowMs,
          limit: () => settings().rateLimit.maxPerIp,
          standardHeaders: "draft-7",
          keyGenerator: (ctx) => `ip:${clientIp(ctx, settings().server.trustProxy) ?? "unknown"}`,
          handler: (ctx) => {
            const reset = (ctx.get("rateLimit" as never) as { resetTime?: Date } | undefined)?.resetTime;
            const seconds = reset
              ? Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000))
              : Math.ceil(windowMs / 1000);
            throw new TooManyRequests(seconds);
          },
        }),
      };
    }
    return current.limiter(c, next);
  };
}
