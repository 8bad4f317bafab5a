import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { searchHitSchema, searchQuerySchema, searchRecords } from "../../kit/search.ts";
import type { SearchSource } from "../../kit/search-index.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";

/**
 * Search across every record kind (any signed-in role; hits only of kinds the caller reads):
 * - GET /api/v1/search?q=&kinds=&limit=   hits, best first
 */
export function searchApi(deps: AppDeps, sources: readonly SearchSource[]): ApiRouter {
  return new ApiRouter("/search", "Search").get(
    "/",
    {
      summary: "Search every record kind the caller may read",
      permission: "signed-in",
      query: searchQuerySchema,
      responses: {
        200: {
          description: "The kinds looked in and the hits, best first",
          schema: z.object({ kinds: z.array(z.string()), hits: z.array(searchHitSchema) }),
        },
      },
    },
    async (c, { query }) => c.json(await searchRecords(deps.database.db, sources, actorOf(c), query)),
  );
}
