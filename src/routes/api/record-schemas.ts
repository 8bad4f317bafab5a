import { z } from "zod";

/** The path parameters of a route on one record: its row id. */
export const idParams = z.object({ id: z.string().min(1).max(64) });

/** One page of a record list as the API returns it: the items and where they stand in the whole. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
