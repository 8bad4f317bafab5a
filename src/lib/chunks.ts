/**
 * `list` cut into runs of at most `size` items, in order: how a long list of ids or rows is
 * written or read in statements kept under SQLite's limit on parameters.
 */
export function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < list.length; start += size) out.push(list.slice(start, start + size));
  return out;
}
