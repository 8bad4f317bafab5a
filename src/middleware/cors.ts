import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/**
 * CORS for the configured origins only (none by default): a request from any other origin, or
 * without one, gets no CORS header at all (no `Allow-Credentials` or `Expose-Headers` either),
 * only `Vary: Origin` while some origin is allowed. Origins are read per request, so a config
 * reload applies without a restart.
 */
export function corsFromConfig(origins: () => readonly string[]): MiddlewareHandler {
  const allowed = cors({
    origin: (origin) => origin,
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "If-Match"],
    exposeHeaders: ["X-Request-Id", "Location", "ETag", "Retry-After"],
    maxAge: 600,
    credentials: true,
  });
  return (c, next) => {
    const origin = c.req.header("Origin");
    const configured = origins();
    if (origin !== undefined && configured.includes(origin)) return allowed(c, next);
    if (configured.length > 0) c.header("Vary", "Origin", { append: true });
    return next();
  };
}
