import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { STATIC_PREFIX } from "../lib/assets.ts";
import type { AppMetrics } from "../monitor/app-metrics.ts";

/** Methods counted by name; any other is `OTHER`, so a client cannot grow the label's values. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The `route` label of a request that no route pattern matched (and no static file answered). */
export const UNMATCHED_ROUTE = "unmatched";

/**
 * The route pattern a request matched (`/api/v1/incidents/:id`), never its raw path: the
 * last matched route that is an endpoint (middleware is registered for every method, an
 * endpoint for its own). A request a middleware answered before the endpoint ran (401,
 * 429) still counts under the endpoint's pattern; files under /static/ count as one route.
 */
export function routeLabel(c: Context): string {
  const endpoint = matchedRoutes(c).findLast((route) => route.method !== "ALL");
  if (endpoint) return endpoint.path;
  return c.req.path.startsWith(STATIC_PREFIX) ? `${STATIC_PREFIX}*` : UNMATCHED_ROUTE;
}

/**
 * Counts every request in `metrics` (`warden_http_requests_total{route,method,status}`) and
 * observes its duration until the response is ready (a stream's start) in
 * `warden_http_request_duration_seconds{route,method}`. Mounted first, so requests other
 * middleware answers (rate limits, sign-in required) count too.
 */
export function httpMetrics(metrics: AppMetrics): MiddlewareHandler {
  return async function httpMetricsMiddleware(c, next) {
    const started = performance.now();
    await next();
    const seconds = (performance.now() - started) / 1000;
    const route = routeLabel(c);
    const method = METHODS.has(c.req.method) ? c.req.method : "OTHER";
    metrics.httpRequests.inc({ route, method, status: String(c.res.status) });
    metrics.httpDuration.observe({ route, method }, seconds);
  };
}
