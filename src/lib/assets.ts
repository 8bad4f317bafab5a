import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { bundled } from "./paths.ts";

/** One file under `public/`, with a content hash for cache busting and ETags. */
export interface Asset {
  path: string;
  type: string;
  size: number;
  hash: string;
}

/** The static files Warden serves under `/static/`, indexed at startup. */
export interface AssetTable {
  get(name: string): Asset | undefined;
  /** URL of an asset with its content hash, e.g. `/static/css/app.css?v=1a2b3c4d5e`. */
  url(name: string): string;
}

/** URL prefix of static files. */
export const STATIC_PREFIX = "/static/";

/**
 * Indexes every file below `public/` (embedded in the binary): hash and type are
 * computed once here, the bytes are read again when served.
 */
export function loadAssets(dir = bundled("public")): AssetTable {
  const table = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    table.set(entry.replaceAll("\\", "/"), {
      path,
      type: Bun.file(path).type,
      size: bytes.byteLength,
      hash: new Bun.CryptoHasher("sha256").update(bytes).digest("hex").slice(0, 12),
    });
  }
  return {
    get: (name) => table.get(name),
    url: (name) => {
      const asset = table.get(name);
      if (!asset) throw new Error(`unknown static asset: ${name}`);
      return `${STATIC_PREFIX}${name}?v=${asset.hash}`;
    },
  };
}
