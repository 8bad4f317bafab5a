import { readFileSync } from "node:fs";
import type { Db } from "../../db/client.ts";
import { systemActor } from "../../kit/actor.ts";
import { countRows } from "../../kit/count-rows.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { attackTechniques } from "./attack-schema.ts";
import type { CatalogDiff } from "./catalog-diff.ts";
import shippedPath from "./data/enterprise-attack.stix.json.gz" with { type: "file" };

/**
 * Imports the ATT&CK Enterprise v18.1 subset shipped in the binary when the catalog is empty
 * (the first start); otherwise nothing. Idempotent, and an admin's newer import is never
 * overwritten: once any technique is stored, this does not run.
 */
export async function ensureAttackCatalog(deps: RecordEventDeps): Promise<CatalogDiff | null> {
  if (await attackCatalogStored(deps.db)) return null;
  // The import's code is loaded only when it runs (a first start): a server that has the catalog
  // never builds the STIX parser's schemas.
  const { applyParsedCatalog } = require("./catalog-import.ts") as typeof import("./catalog-import.ts");
  const { parseAttackBundle } = require("./stix-bundle.ts") as typeof import("./stix-bundle.ts");
  return applyParsedCatalog(
    deps,
    systemActor("attack catalog"),
    parseAttackBundle(JSON.parse(shippedCatalogText())),
  );
}

/** True once any ATT&CK technique is stored (the shipped catalog or an admin's import). */
export async function attackCatalogStored(db: Db): Promise<boolean> {
  return (await countRows(db, attackTechniques)) > 0;
}

/**
 * The shipped STIX bundle's JSON text. It is embedded gzipped (0.5 instead of 2.0 MiB) as a file,
 * not as a string in the bundle: a string constant would be part of the executable's code twice
 * (source and UTF-16 bytecode, ~6 MiB) and in the heap of every start. Decompressing it takes
 * ~20 ms, at a first start only.
 */
export function shippedCatalogText(): string {
  return new TextDecoder().decode(Bun.gunzipSync(readFileSync(shippedPath)));
}
