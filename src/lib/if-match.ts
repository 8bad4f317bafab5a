import type { Context } from "hono";

/** The version an `If-Match` header names (`"3"` or `W/"3"`), if any (optimistic concurrency). */
export function ifMatchVersion(c: Context): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(c.req.header("If-Match")?.trim() ?? "");
  return match ? Number(match[1]) : undefined;
}
