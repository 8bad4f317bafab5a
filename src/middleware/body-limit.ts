import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { PayloadTooLarge } from "../lib/errors.ts";

/**
 * Rejects request bodies over the configured size with 413. The limit is read per
 * request (given the request's path, so a route taking files may allow more), so a config
 * reload applies at once; one limiter is built per distinct value.
 */
export function bodyLimitFromConfig(limitBytes: (path: string) => number): MiddlewareHandler {
  const limiters = new Map<number, MiddlewareHandler>();
  return async function bodyLimitMiddleware(c, next) {
    const limit = limitBytes(c.req.path);
    const limiter = limiters.getOrInsertComputed(limit, () =>
      bodyLimit({
        maxSize: limit,
        onError: () => {
          throw new PayloadTooLarge(limit);
        },
      }),
    );
    return limiter(c, next);
  };
}
