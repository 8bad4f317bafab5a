import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { bundled } from "./paths.ts";

/** One file under `public/`, with a content hash for cache busting and ETags. */
export interface Asset {
  path: string;
  type: string;
  /** Bytes of the file as stored (gzipped ones: compressed). */
  size: number;
  hash: string;
  /** Stored gzipped (`<name>.gz` under `public/`): sent as is to clients that accept gzip. */
  gzipped: boolean;
}

/** The static files Warden serves under `/static/`, indexed at startup. */
export type AssetTable = ReturnType<typeof loadAssets>;

/** URL prefix of static files. */
export const STATIC_PREFIX = "/static/";

/** Suffix of a file stored gzipped under `public/`; it is served under its name without it. */
const GZIP_SUFFIX = ".gz";

/**
 * Indexes every file below `public/` (embedded in the binary): hash and type are
 * computed once here, the bytes are read again when served. `<name>.gz` is indexed as `<name>`.
 */
export function loadAssets(dir = bundled("public")) {
  const table = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry);
    if (!statSync(path).isFile()) continue;
    const bytes = readFileSync(path);
    const gzipped = entry.endsWith(GZIP_SUFFIX);
    const name = (gzipped ? entry.slice(0, -GZIP_SUFFIX.length) : entry).replaceAll("\\", "/");
    table.set(name, {
      path,
      type: Bun.file(name).type,
      size: bytes.byteLength,
      hash: new Bun.CryptoHasher("sha256").update(bytes).digest("hex").slice(0, 12),
      gzipped,
    });
  }
  return {
    get: (name: string) => table.get(name),
    /** URL of an asset with its content hash, e.g. `/static/css/app.css?v=1a2b3c4d5e`. */
    url: (name: string) => {
      const asset = table.get(name);
      if (!asset) throw new Error(`unknown static asset: ${name}`);
      return `${STATIC_PREFIX}${name}?v=${asset.hash}`;
    },
  };
}
