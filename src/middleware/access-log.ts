import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../lib/context.ts";
import type { Logger } from "../lib/log.ts";

/** Options of the access log. */
export interface AccessLogOptions {
  log: Logger;
  /** Paths not logged at info level (health probes would drown the log). */
  quietPaths?: string[];
}

/** Logs one structured line per request: method, path, status, duration, request id. */
export function accessLog({
  log,
  quietPaths = ["/healthz", "/readyz"],
}: AccessLogOptions): MiddlewareHandler<AppEnv> {
  const quiet = new Set(quietPaths);
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
    if (quiet.has(c.req.path) || c.req.path.startsWith("/static/")) log.debug("request", fields);
    else log.info("request", fields);
  };
}
