import type { Db } from "../../db/client.ts";
import { liveSummaries } from "../../kit/record-lookup.ts";
import { risks } from "./schema.ts";

/** The live (not deleted) risks among `ids` (id and title), for a technique's page. */
export async function riskSummaries(db: Pick<Db, "select">, ids: readonly string[]) {
  return liveSummaries(db, risks, { id: risks.id, title: risks.title }, ids);
}
