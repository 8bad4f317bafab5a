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
