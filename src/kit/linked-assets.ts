import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { SelectedFields, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { RecordTable } from "./record-lookup.ts";
import type { RecordReader } from "./record-queries.ts";

/**
 * Rows of a record joined with its asset links (one row per record and asset) folded into one
 * record each, with the ids of its linked assets in row order; records keep their first row's
 * place. For the modules that answer "which of my records are on these assets".
 */
export function withAssetIds<T extends { id: string; assetId: string }>(
  rows: readonly T[],
): (Omit<T, "assetId"> & { assetIds: string[] })[] {
  const byId = new Map<string, Omit<T, "assetId"> & { assetIds: string[] }>();
  for (const { assetId, ...record } of rows) {
    const found = byId.get(record.id) ?? { ...record, assetIds: [] };
    found.assetIds.push(assetId);
    byId.set(record.id, found);
  }
  return [...byId.values()];
}

/** A record kind's links to assets: the link table (one row per record and asset) and its two columns. */
export interface AssetLinks {
  table: SQLiteTable;
  /** The asset's id; its index is the way in. */
  assetId: SQLiteColumn;
  /** The record's id. */
  recordId: SQLiteColumn;
}

/** What {@link recordsOnAssets} reads of the records: their table, its `fields`, which of them and in what order. */
export interface RecordsOnAssets {
  table: RecordTable;
  fields: SelectedFields;
  where: SQL | undefined;
  orderBy: (SQL | SQLiteColumn)[];
}

/**
 * The records (`fields` of those matching `where`, in `orderBy` order) linked to any of
 * `assetIds`, each once with the ones of `assetIds` it is linked to: one query through the
 * asset index of the links; none for no assets. `R` is the record as `fields` read it.
 */
export async function recordsOnAssets<R extends { id: string }>(
  db: RecordReader,
  assetIds: readonly string[],
  links: AssetLinks,
  records: RecordsOnAssets,
): Promise<(Omit<R & { assetId: string }, "assetId"> & { assetIds: string[] })[]> {
  if (assetIds.length === 0) return [];
  const rows = await db
    .select({ ...records.fields, assetId: links.assetId })
    .from(links.table)
    .innerJoin(records.table, eq(records.table.id, links.recordId))
    .where(and(inArray(links.assetId, [...assetIds]), records.where))
    .orderBy(...records.orderBy);
  // Drizzle cannot infer a row from fields passed in: R says what they read.
  return withAssetIds(rows as unknown as (R & { assetId: string })[]);
}
