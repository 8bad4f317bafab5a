import { aliasedTable, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import { personOf, type RecordPerson } from "../../kit/record-queries.ts";
import { type RiskAcceptance, riskAcceptances } from "./schema.ts";

/** An acceptance as shown: who asked and why, until when, who decided and when (null: Warden itself). */
export type AcceptanceView = Omit<RiskAcceptance, "riskId" | "warnedAt" | "requestedBy" | "decidedBy"> & {
  requestedBy: RecordPerson | null;
  decidedBy: RecordPerson | null;
};

const requester = aliasedTable(users, "requester");
const decider = aliasedTable(users, "decider");

function toView(row: { acceptance: RiskAcceptance; requester: string | null; decider: string | null }) {
  const { riskId: _, warnedAt: __, requestedBy, decidedBy, ...rest } = row.acceptance;
  return {
    ...rest,
    requestedBy: personOf(requestedBy, row.requester),
    decidedBy: personOf(decidedBy, row.decider),
  } satisfies AcceptanceView;
}

/** The acceptances of `riskIds`, newest first, by risk id. */
export async function acceptancesOf(
  db: Pick<Db, "select">,
  riskIds: string[],
): Promise<Map<string, AcceptanceView[]>> {
  const byRisk = new Map<string, AcceptanceView[]>(riskIds.map((id) => [id, []]));
  if (riskIds.length === 0) return byRisk;
  const rows = await db
    .select({ acceptance: riskAcceptances, requester: requester.displayName, decider: decider.displayName })
    .from(riskAcceptances)
    .leftJoin(requester, eq(requester.id, riskAcceptances.requestedBy))
    .leftJoin(decider, eq(decider.id, riskAcceptances.decidedBy))
    .where(inArray(riskAcceptances.riskId, riskIds))
    .orderBy(desc(riskAcceptances.requestedAt), desc(riskAcceptances.id));
  for (const row of rows) byRisk.get(row.acceptance.riskId)?.push(toView(row));
  return byRisk;
}
