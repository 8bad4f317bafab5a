import { asc, between, count } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { trendSchema } from "./api-schemas.ts";
import { levelOf } from "./matrix.ts";
import type { RiskDeps } from "./risk-queries.ts";
import { TREND_PERIODS, type TrendPeriod } from "./schema.ts";
import { riskSnapshots } from "./snapshot-schema.ts";
import { snapshotDay } from "./snapshots.ts";

/** The trend page's query. */
export const trendQuerySchema = z.object({
  period: z.enum(TREND_PERIODS, { error: "Choose 90d, quarter or year." }).default("90d"),
});

/** One day (`YYYY-MM-DD`) of the trend: how many risks (not closed) stood at each level, as the API answers it. */
export type TrendDay = z.infer<typeof trendSchema>["days"][number];

const shiftDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The first and last day (`YYYY-MM-DD`) of `period` as seen on `today`. */
export function trendRange(period: TrendPeriod, today: string): { from: string; to: string } {
  const [year, month] = today.split("-").map(Number) as [number, number];
  if (period === "year") return { from: `${year}-01-01`, to: today };
  if (period === "quarter") {
    const first = Math.floor((month - 1) / 3) * 3 + 1;
    return { from: `${year}-${String(first).padStart(2, "0")}-01`, to: today };
  }
  return { from: shiftDays(today, -89), to: today };
}

/**
 * Per day with a snapshot between `from` and `to` (inclusive, `YYYY-MM-DD`), how many risks
 * stood at each of `levelCount` levels by their current and by their residual rating, as
 * `levelOf(likelihood, impact)` (1..levelCount, the matrix's grid) rates them. Closed risks
 * are left out, and so is a rating missing its likelihood or impact (or rated outside the
 * levels). One query grouped by day and ratings, on the snapshot's primary key.
 */
export async function riskTrend(
  db: Pick<Db, "select">,
  range: { from: string; to: string },
  levelOf: (likelihood: number, impact: number) => number,
  levelCount: number,
): Promise<TrendDay[]> {
  const s = riskSnapshots;
  const rows = await db
    .select({
      day: s.day,
      status: s.status,
      cl: s.currentLikelihood,
      ci: s.currentImpact,
      rl: s.residualLikelihood,
      ri: s.residualImpact,
      n: count(),
    })
    .from(s)
    .where(between(s.day, range.from, range.to))
    .groupBy(s.day, s.status, s.currentLikelihood, s.currentImpact, s.residualLikelihood, s.residualImpact)
    .orderBy(asc(s.day));
  const days = new Map<string, TrendDay>();
  const add = (counts: number[], likelihood: number | null, impact: number | null, n: number) => {
    if (likelihood === null || impact === null) return;
    const level = levelOf(likelihood, impact);
    if (level >= 1 && level <= levelCount) counts[level - 1] = (counts[level - 1] ?? 0) + n;
  };
  for (const row of rows) {
    let day = days.get(row.day);
    if (!day) {
      day = { day: row.day, current: Array(levelCount).fill(0), residual: Array(levelCount).fill(0) };
      days.set(row.day, day);
    }
    if (row.status === "closed") continue;
    add(day.current, row.cl, row.ci, row.n);
    add(day.residual, row.rl, row.ri, row.n);
  }
  return [...days.values()];
}

/**
 * The register's trend over `period` up to today (server time zone), on the matrix in force:
 * each day's counts per level, and the levels (every role that reads risks).
 */
export async function registerTrend(deps: RiskDeps, actor: Actor, period: TrendPeriod) {
  assertCan(actor, "read", "risks");
  const { matrix } = deps.risk();
  const range = trendRange(period, snapshotDay(Date.now()));
  const rate = (likelihood: number, impact: number) => (levelOf(matrix, likelihood, impact)?.index ?? -1) + 1;
  const days = await riskTrend(deps.db, range, rate, matrix.levels.length);
  return { period, ...range, days, levels: matrix.levels };
}
