import type { Context } from "hono";

/** Our origin as the browser sees it; behind a trusted proxy, from its forwarded headers. */
export function ownOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header("X-Forwarded-Proto")?.split(",")[0]?.trim() ?? url.protocol.slice(0, -1);
  const host = c.req.header("X-Forwarded-Host")?.split(",")[0]?.trim() ?? url.host;
  return `${proto}://${host}`;
}
