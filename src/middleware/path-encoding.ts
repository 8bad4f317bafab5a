import type { MiddlewareHandler } from "hono";
import { decodeComponent } from "../lib/percent-decoding.ts";

/**
 * Answers 400 to a request whose path has a malformed percent-encoding (`/static/%`,
 * `/incidents/%E0%A4%A`), before any route or asset lookup decodes it: Hono's router
 * would keep such a segment raw and a later decode would throw.
 */
export function rejectMalformedPaths(): MiddlewareHandler {
  return async function rejectMalformedPathsMiddleware(c, next) {
    const path = URL.parse(c.req.url)?.pathname ?? "";
    if (path.includes("%")) decodeComponent(path);
    return next();
  };
}
