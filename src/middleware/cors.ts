import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";

/**
 * CORS for the configured origins only (none by default). Origins are read per
 * request, so a config reload applies without a restart.
 */
export function corsFromConfig(origins: () => readonly string[]): MiddlewareHandler {
  return cors({
    origin: (origin) => (origins().includes(origin) ? origin : null),
    allowMethods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
    allowHeaders: ["Authorization", "Content-Type", "If-Match"],
    exposeHeaders: ["X-Request-Id", "Location", "ETag", "Retry-After"],
    maxAge: 600,
    credentials: true,
  });
}
