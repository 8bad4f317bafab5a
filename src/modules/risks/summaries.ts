import { and, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { risks } from "./schema.ts";

/** The live (not deleted) risks among `ids` (id and title), for a technique's page. */
export async function riskSummaries(
  db: Pick<Db, "select">,
  ids: readonly string[],
): Promise<{ id: string; title: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: risks.id, title: risks.title })
    .from(risks)
    .where(and(inArray(risks.id, [...ids]), isNull(risks.deletedAt)));
}
