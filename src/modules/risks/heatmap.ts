import { and, count, isNull, ne } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import { assertCan } from "../../kit/rbac.ts";
import type { heatmapSchema } from "./api-schemas.ts";
import { levelOf, type RiskLevel } from "./matrix.ts";
import { type RiskDeps, SCORE_COLUMNS } from "./risk-queries.ts";
import { risks } from "./schema.ts";

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
