import type { Context } from "hono";
import { getConnInfo } from "hono/bun";

/**
 * The client's IP address: the socket's peer, or (only when `server.trustProxy` is on,
 * i.e. Warden runs behind a reverse proxy that sets it) the first `X-Forwarded-For` hop.
 * Null when unknown (requests made in-process, as tests do).
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}
