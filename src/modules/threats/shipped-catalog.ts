import { count } from "drizzle-orm";
import { systemActor } from "../../kit/actor.ts";
import { attackTechniques } from "./attack-schema.ts";
import type { CatalogDiff } from "./catalog-diff.ts";
import { applyParsedCatalog, type CatalogDeps } from "./catalog-import.ts";
import shipped from "./data/enterprise-attack.stix.json" with { type: "text" };
import { parseAttackBundle } from "./stix-bundle.ts";

/**
 * Imports the ATT&CK Enterprise v18.1 subset shipped in the binary when the catalog is empty
 * (the first start); otherwise nothing. Idempotent, and an admin's newer import is never
 * overwritten: once any technique is stored, this does not run.
 */
export async function ensureAttackCatalog(deps: CatalogDeps): Promise<CatalogDiff | null> {
  const [row] = await deps.db.select({ n: count() }).from(attackTechniques);
  if ((row?.n ?? 0) > 0) return null;
  // Imported as text (parsed only here, at a first start); TypeScript types a .json import as its value.
  const text = shipped as unknown as string;
  return applyParsedCatalog(deps, systemActor("attack catalog"), parseAttackBundle(JSON.parse(text)));
}
