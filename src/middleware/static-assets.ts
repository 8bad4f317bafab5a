import type { Context, MiddlewareHandler } from "hono";
import { type Asset, type AssetTable, STATIC_PREFIX } from "../lib/assets.ts";
import { decodeComponent } from "../lib/percent-decoding.ts";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "public, max-age=0, must-revalidate";

/**
 * Serves files under `/static/`. A request carrying the current content hash
 * (`?v=…`, as every page links them) is cached for a year; any other gets an ETag
 * and is revalidated. A file stored gzipped goes out as it is to a client that accepts gzip
 * (every browser), decompressed to any other.
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
    if (asset.gzipped) return gzippedAsset(c, asset, headers);
    if (c.req.method === "HEAD")
      return c.body(null, 200, { ...headers, "Content-Length": String(asset.size) });
    return c.body(await Bun.file(asset.path).arrayBuffer(), 200, headers);
  };
}

/** A gzipped asset: its stored bytes with `Content-Encoding: gzip`, or decompressed. */
async function gzippedAsset(c: Context, asset: Asset, headers: Record<string, string>): Promise<Response> {
  const accepted = c.req.header("Accept-Encoding")?.includes("gzip") ?? false;
  const encoded = { ...headers, Vary: "Accept-Encoding", ...(accepted && { "Content-Encoding": "gzip" }) };
  if (c.req.method === "HEAD") return c.body(null, 200, encoded);
  const stored = await Bun.file(asset.path).bytes();
  return c.body((accepted ? stored : Bun.gunzipSync(stored)) as Uint8Array<ArrayBuffer>, 200, encoded);
}
