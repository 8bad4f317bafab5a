import { aliasedTable, and, count, desc, eq, inArray, isNull, ne, not, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Config } from "../../config/schema.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { countRows } from "../../kit/count-rows.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { liveSummaries } from "../../kit/record-lookup.ts";
import { definePeopleQueries, personOf } from "../../kit/record-queries.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import { techniquesByRecord } from "../threats/technique-links.ts";
import type { acceptanceSchema, heatmapSchema, riskSchema } from "./api-schemas.ts";
import { RISK } from "./kind.ts";
import { cellsWhere, inCells, isAboveAppetite, levelOf, type RiskLevel, scoreOf } from "./matrix.ts";
import type { RiskQuery } from "./risk-input.ts";
import { linksOf } from "./risk-links.ts";
import { type Risk, type RiskAcceptance, riskAcceptances, riskOrder, risks } from "./schema.ts";
import type { SnapshotRow } from "./snapshots.ts";

/** What the risk services need. */
export interface RiskDeps extends RecordEventDeps {
  /** The risk settings in force (`risk` of the config): read on every call, so a reload applies at once. */
  risk: () => Config["risk"];
  /** Told of reviews due, acceptances expiring or expired, and acceptances waiting for a decision. */
  events?: NotificationEvents;
}

/** The risk services' deps for the app's API and pages. */
export function riskDeps(deps: AppDeps): RiskDeps {
  return { db: deps.database.db, bus: deps.bus, risk: () => deps.config.get().risk, events: deps.notifier };
}

/** A risk as the API and pages show it: scores with their levels, links, techniques and acceptances. */
export type RiskView = z.infer<typeof riskSchema>;

/** An acceptance as shown: who asked and why, until when, who decided and when (null: Warden itself). */
export type AcceptanceView = z.infer<typeof acceptanceSchema>;

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

/** The current and residual score columns. */
const SCORE_COLUMNS = {
  current: { likelihood: risks.currentLikelihood, impact: risks.currentImpact },
  residual: { likelihood: risks.residualLikelihood, impact: risks.residualImpact },
};

type Joined = { risk: Risk; ownerName: string | null; creatorName: string | null };

/** The condition "the current score's level lies above the appetite". */
function aboveAppetite({ matrix, appetite }: Config["risk"]): SQL {
  return inCells(
    SCORE_COLUMNS.current,
    cellsWhere(matrix, (l) => l.index > appetite),
  );
}

async function toViews({ db, risk }: Pick<RiskDeps, "db" | "risk">, rows: Joined[]): Promise<RiskView[]> {
  const ids = rows.map((r) => r.risk.id);
  const [links, techniques, acceptances] = await Promise.all([
    linksOf(db, ids),
    techniquesByRecord(db, "risk", ids),
    acceptancesOf(db, ids),
  ]);
  const { matrix, appetite } = risk();
  return rows.map(({ risk: { ownerId, createdBy, reviewNotifiedAt: _, ...r }, ownerName, creatorName }) => {
    const scores = {
      inherent: scoreOf(matrix, r.inherentLikelihood, r.inherentImpact),
      current: scoreOf(matrix, r.currentLikelihood, r.currentImpact),
      residual: scoreOf(matrix, r.residualLikelihood, r.residualImpact),
    };
    const history = acceptances.get(r.id) ?? [];
    return {
      ...r,
      owner: { id: ownerId, name: ownerName ?? "" },
      createdBy: personOf(createdBy, creatorName),
      scores,
      aboveAppetite: isAboveAppetite(scores.current.level, appetite),
      links: links.get(r.id) ?? { asset: [], vulnerability: [], incident: [], threat: [] },
      techniques: techniques.get(r.id) ?? [],
      acceptance: history.find((a) => a.status === "pending" || a.status === "approved") ?? null,
      acceptances: history,
    };
  });
}

function filtersOf(query: RiskQuery, { risk }: Pick<RiskDeps, "risk">): SQL | undefined {
  const settings = risk();
  const scored = SCORE_COLUMNS[query.scoreOf ?? "current"];
  return and(
    query.open ? ne(risks.status, "closed") : undefined,
    query.treatment === "none" ? isNull(risks.treatment) : undefined,
    query.treatment && query.treatment !== "none" ? eq(risks.treatment, query.treatment) : undefined,
    query.level !== undefined
      ? inCells(
          SCORE_COLUMNS.current,
          cellsWhere(settings.matrix, (l) => l.index === query.level),
        )
      : undefined,
    query.aboveAppetite === "true" ? aboveAppetite(settings) : undefined,
    query.aboveAppetite === "false" ? not(aboveAppetite(settings)) : undefined,
    query.likelihood !== undefined ? eq(scored.likelihood, query.likelihood) : undefined,
    query.impact !== undefined ? eq(scored.impact, query.impact) : undefined,
  );
}

/**
 * Risks as the record kit reads them under the settings in force (`deps.risk()`, read once
 * per call, so a reload applies at once and one list's filters and scores agree: the level
 * filters and the scores shown depend on the matrix and appetite): filters, sort, the
 * people's names, links, techniques and acceptances.
 */
export const riskQueries = definePeopleQueries({
  table: risks,
  kind: RISK,
  people: { owner: risks.ownerId, creator: risks.createdBy },
  sort: riskOrder(risks),
  toViews,
  text: [risks.title, risks.description, risks.treatmentPlan],
  equal: { status: risks.status, category: risks.category, owner: risks.ownerId },
  filters: filtersOf,
  perCall: (deps) => {
    const settings = deps.risk();
    return { ...deps, risk: () => settings };
  },
});

/** A page of risks, filtered and sorted, and one risk (every role that reads them); risk `id` as shown (404 when unknown or deleted). */
export const { list: listRisks, get: getRisk, findView: findRiskView } = riskQueries;

/** How many open risks (not deleted, not closed) lie above the appetite now. */
export async function countAboveAppetite(deps: RiskDeps, actor: Actor): Promise<number> {
  assertCan(actor, "read", "risks");
  const open = and(isNull(risks.deletedAt), ne(risks.status, "closed"), aboveAppetite(deps.risk()));
  return countRows(deps.db, risks, open);
}

/** The current and residual heat maps of the open risks, with the matrix they are drawn on, as the API answers them. */
export type RiskHeatmaps = z.infer<typeof heatmapSchema>;

/** One heat map: a row per likelihood (1 first), a cell per impact; `outside` counts scores the matrix no longer holds. */
export type HeatMap = RiskHeatmaps["current"];

/**
 * The heat maps of the risks that are neither deleted nor closed: how many lie in each
 * cell of the matrix in force, by current and by residual score (every role that reads risks).
 */
export async function riskHeatmaps(deps: RiskDeps, actor: Actor): Promise<RiskHeatmaps> {
  assertCan(actor, "read", "risks");
  const { matrix, appetite } = deps.risk();
  const map = async (kind: "current" | "residual"): Promise<HeatMap> => {
    const columns = SCORE_COLUMNS[kind];
    const counted = await deps.db
      .select({ likelihood: columns.likelihood, impact: columns.impact, n: count() })
      .from(risks)
      .where(and(isNull(risks.deletedAt), ne(risks.status, "closed")))
      .groupBy(columns.likelihood, columns.impact);
    const byCell = new Map(counted.map((c) => [`${c.likelihood}:${c.impact}`, c.n]));
    const rows = matrix.likelihood.map((_, l) =>
      matrix.impact.map((__, i) => ({
        likelihood: l + 1,
        impact: i + 1,
        level: levelOf(matrix, l + 1, i + 1) as RiskLevel,
        count: byCell.get(`${l + 1}:${i + 1}`) ?? 0,
      })),
    );
    const inside = rows.flat().reduce((sum, cell) => sum + cell.count, 0);
    const total = counted.reduce((sum, c) => sum + c.n, 0);
    return { rows, outside: total - inside };
  };
  return { matrix, appetite, current: await map("current"), residual: await map("residual") };
}

/** The live (not deleted) risks as a day's snapshot records them: status, current and residual scores. */
export async function snapshotRows(db: Pick<Db, "select">): Promise<SnapshotRow[]> {
  return db
    .select({
      riskId: risks.id,
      status: risks.status,
      currentLikelihood: risks.currentLikelihood,
      currentImpact: risks.currentImpact,
      residualLikelihood: risks.residualLikelihood,
      residualImpact: risks.residualImpact,
    })
    .from(risks)
    .where(isNull(risks.deletedAt));
}

/** The live (not deleted) risks among `ids` (id and title), for a technique's page. */
export async function riskSummaries(db: Pick<Db, "select">, ids: readonly string[]) {
  return liveSummaries(db, risks, { id: risks.id, title: risks.title }, ids);
}
