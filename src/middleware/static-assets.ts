import type { MiddlewareHandler } from "hono";
import { type AssetTable, STATIC_PREFIX } from "../lib/assets.ts";
import { decodeComponent } from "../lib/percent-decoding.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/**
 * Serves files under `/static/`. A request carrying the current content hash
 * (`?v=…`, as every page links them) is cached for a year; any other gets an ETag
 * and is revalidated.
 */
export function staticAssets(assets: AssetTable): MiddlewareHandler {
  return async function staticAssetsMiddleware(c, next) {
    if (!c.req.path.startsWith(STATIC_PREFIX) || (c.req.method !== "GET" && c.req.method !== "HEAD"))
      return next();
    const asset = assets.get(decodeComponent(c.req.path.slice(STATIC_PREFIX.length)));
    if (!asset) return next();
    const etag = `"${asset.hash}"`;
    const headers = {
      ETag: etag,
      "Cache-Control": c.req.query("v") === asset.hash ? IMMUTABLE : REVALIDATE,
      "Content-Type": asset.type,
    };
    if (c.req.header("If-None-Match") === etag) return c.body(null, 304, headers);
    if (c.req.method === "HEAD")
      return c.body(null, 200, { ...headers, "Content-Length": String(asset.size) });
    return c.body(await Bun.file(asset.path).arrayBuffer(), 200, headers);
  };
}
