import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/context.ts";
import type { Logger } from "../lib/log.ts";

/** Paths not logged at info level (health probes would drown the log). */
const QUIET_PATHS = new Set(["/healthz", "/readyz"]);

/** Logs one structured line per request: method, path, status, duration, request id. */
export function accessLog(log: Logger): MiddlewareHandler<AppEnv> {
  return async function accessLogMiddleware(c, next) {
    const started = performance.now();
    await next();
    const fields = {
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
      requestId: c.get("requestId"),
    };
    if (QUIET_PATHS.has(c.req.path) || c.req.path.startsWith("/static/")) log.debug("request", fields);
    else log.info("request", fields);
  };
}
