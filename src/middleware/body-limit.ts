import type { MiddlewareHandler } from "hono";
import { notePeer } from "../lib/client-ip.ts";
import { PayloadTooLarge } from "../lib/errors.ts";

/**
 * `request` with its body counted as it is read: past `limit` bytes the read fails with
 * PayloadTooLarge (413), so the body is never held in full.
 */
function countedBody(request: Request, body: ReadableStream<Uint8Array>, limit: number): Request {
  let size = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new PayloadTooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body: counted, duplex: "half" } as RequestInit);
}

/**
 * Rejects request bodies over the configured size with 413. The limit is read per request
 * (given the request's path, so a route taking files may allow more), so a config reload
 * applies at once. A body that states its length is refused at once; one sent without it
 * (chunked) is counted while the route reads it. Nothing is read here: the caller is
 * identified and their permission checked before a byte of the body is taken, and an
 * anonymous or refused request is answered without waiting for a body that may never end.
 */
export function bodyLimitFromConfig(limitBytes: (path: string) => number): MiddlewareHandler {
  return async function bodyLimitMiddleware(c, next) {
    const body = c.req.raw.body;
    if (!body) return next();
    const limit = limitBytes(c.req.path);
    const length = c.req.raw.headers.get("content-length");
    if (length !== null && !c.req.raw.headers.has("transfer-encoding")) {
      if (Number.parseInt(length, 10) > limit) throw new PayloadTooLarge(limit);
      return next();
    }
    notePeer(c);
    c.req.raw = countedBody(c.req.raw, body, limit);
    return next();
  };
}
