import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import type { catalogDiffSchema } from "./api-schemas.ts";
import { attackMitigates, attackMitigations, attackTactics, attackTechniques } from "./attack-schema.ts";
import type { ParsedCatalog } from "./stix-bundle.ts";

/** What an import changes in one kind of catalog entry, by ATT&CK id. */
export type EntryChanges = CatalogDiff["tactics"];

/** What importing a bundle would change (the preview), as the API answers it; `mitigates` counts the relationships added and removed. */
export type CatalogDiff = z.infer<typeof catalogDiffSchema>;

type Reader = Pick<Db, "select"> | Tx;

type Keyed = { id: string; attackId: string; revoked: boolean };

/** The fields compared: an entry changes when any of them does. */
function fingerprint(entry: object): string {
  return JSON.stringify(entry, Object.keys(entry).sort());
}

function compare<T extends Keyed>(incoming: T[], stored: T[]): { changes: EntryChanges; writes: T[] } {
  const before = new Map(stored.map((row) => [row.id, row]));
  const changes: EntryChanges = { new: [], changed: [], revoked: [], unchanged: 0 };
  const writes: T[] = [];
  for (const entry of incoming) {
    const old = before.get(entry.id);
    if (entry.revoked && !old?.revoked) changes.revoked.push(entry.attackId);
    if (!old) {
      changes.new.push(entry.attackId);
      writes.push(entry);
    } else if (fingerprint(old) !== fingerprint(entry)) {
      if (!entry.revoked || old.revoked) changes.changed.push(entry.attackId);
      writes.push(entry);
    } else changes.unchanged++;
  }
  return { changes, writes };
}

/**
 * What importing `parsed` changes in the stored catalog, read with `db` (a transaction when
 * applying), and the writes that takes: the tactics, techniques and mitigations new or
 * changed, and the `mitigates` pairs to add and remove.
 */
export async function diffCatalog(db: Reader, parsed: ParsedCatalog) {
  // One after another: a transaction's reads share its connection.
  const tactics = await db.select().from(attackTactics);
  const techniques = await db.select().from(attackTechniques);
  const mitigations = await db.select().from(attackMitigations);
  const pairs = await db.select().from(attackMitigates);
  const t = compare(parsed.tactics, tactics);
  const q = compare(parsed.techniques, techniques);
  const m = compare(parsed.mitigations, mitigations);
  const stored = new Set(pairs.map((p) => `${p.mitigationId}|${p.techniqueId}`));
  const incoming = new Set(parsed.mitigates);
  const split = (key: string) => key.split("|") as [string, string];
  const addMitigates = parsed.mitigates.filter((key) => !stored.has(key)).map(split);
  const removeMitigates = [...stored].filter((key) => !incoming.has(key)).map(split);
  const diff: CatalogDiff = {
    tactics: t.changes,
    techniques: q.changes,
    mitigations: m.changes,
    mitigates: { added: addMitigates.length, removed: removeMitigates.length },
    skipped: parsed.skipped,
    empty:
      t.writes.length + q.writes.length + m.writes.length + addMitigates.length + removeMitigates.length ===
      0,
  };
  return {
    diff,
    writes: { tactics: t.writes, techniques: q.writes, mitigations: m.writes, addMitigates, removeMitigates },
  };
}

/** The writes an import of the catalog makes ({@link diffCatalog}). */
export type CatalogWrites = Awaited<ReturnType<typeof diffCatalog>>["writes"];
