import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { SelectedFields, SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import type { RecordReader, RecordTable } from "./record-lookup.ts";

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
 * `assetIds`, each once (in its first row's place) with the ones of `assetIds` it is linked
 * to: one query through the asset index of the links; none for no assets. `R` is the record
 * as `fields` read it.
 */
export async function recordsOnAssets<R extends { id: string }>(
  db: RecordReader,
  assetIds: readonly string[],
  links: AssetLinks,
  records: RecordsOnAssets,
): Promise<(R & { assetIds: string[] })[]> {
  if (assetIds.length === 0) return [];
  const rows = await db
    .select({ ...records.fields, assetId: links.assetId })
    .from(links.table)
    .innerJoin(records.table, eq(records.table.id, links.recordId))
    .where(and(inArray(links.assetId, [...assetIds]), records.where))
    .orderBy(...records.orderBy);
  const byId = new Map<string, R & { assetIds: string[] }>();
  // Drizzle cannot infer a row from fields passed in: R says what they read.
  for (const { assetId, ...record } of rows as unknown as (R & { assetId: string })[]) {
    const found = byId.get(record.id) ?? { ...(record as unknown as R), assetIds: [] };
    found.assetIds.push(assetId);
    byId.set(record.id, found);
  }
  return [...byId.values()];
}
