import type { Page } from "./list-query.ts";

/** A filtered, sorted query that can be cut to one page: a Drizzle select builder. */
export interface Pageable<R> {
  limit(limit: number): { offset(offset: number): PromiseLike<R[]> };
}

/**
 * Reads the page `request` asks for: first `count` (a query counting every row the same
 * filter matches, as `select({ n: count() })`), then that page of `rows`.
 */
export async function readPage<R>(
  request: Pick<Page<R>, "page" | "pageSize">,
  count: PromiseLike<{ n: number }[]>,
  rows: Pageable<R>,
): Promise<Page<R>> {
  const [total] = await count;
  const items = await rows.limit(request.pageSize).offset((request.page - 1) * request.pageSize);
  return { items, total: total?.n ?? 0, page: request.page, pageSize: request.pageSize };
}
