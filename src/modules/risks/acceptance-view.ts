import { aliasedTable, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import { type AcceptanceStatus, type RiskAcceptance, riskAcceptances } from "./schema.ts";

/** A person named by an acceptance, or nobody (Warden itself). */
type Person = { id: string; name: string } | null;

/** An acceptance as shown: who asked and why, until when, who decided and when. */
export interface AcceptanceView {
  id: string;
  status: AcceptanceStatus;
  reason: string;
  expiresAt: number;
  requestedBy: Person;
  requestedAt: number;
  decidedBy: Person;
  decidedAt: number | null;
  decisionNote: string;
}

const requester = aliasedTable(users, "requester");
const decider = aliasedTable(users, "decider");

function person(id: string | null, name: string | null): Person {
  return id ? { id, name: name ?? "" } : null;
}

function toView(row: { acceptance: RiskAcceptance; requester: string | null; decider: string | null }) {
  const { riskId: _, warnedAt: __, requestedBy, decidedBy, ...rest } = row.acceptance;
  return {
    ...rest,
    requestedBy: person(requestedBy, row.requester),
    decidedBy: person(decidedBy, row.decider),
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
