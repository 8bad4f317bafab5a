import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { z } from "zod";
import type { Config } from "../../config/schema.ts";
import { Validation } from "../../lib/errors.ts";
import type { levelSchema, scoreSchema } from "./api-schemas.ts";

/*
 * The risk matrix of the configuration (`risk.matrix`, `risk.appetite`). Scores are stored,
 * levels derived here when read: a config reload re-rates every risk, and a stored score the
 * matrix no longer holds is shown as outside it rather than lost.
 */

/** The configured matrix: labels, levels and the grid of level indexes. */
export type RiskMatrix = Config["risk"]["matrix"];

/** A risk level as shown: its index in `levels` (0 lowest), name and colour. */
export type RiskLevel = z.infer<typeof levelSchema>;

/** The three scores a risk carries. */
export const SCORE_KINDS = ["inherent", "current", "residual"] as const;

/** One score as shown: likelihood × impact and its level, null when it lies outside the matrix. */
export type RiskScore = z.infer<typeof scoreSchema>;

/** The level of likelihood `l` × impact `i` (both from 1); null when the cell is not in the matrix. */
export function levelOf(matrix: RiskMatrix, l: number, i: number): RiskLevel | null {
  const index = matrix.grid[l - 1]?.[i - 1];
  const level = index === undefined ? undefined : matrix.levels[index];
  return level && index !== undefined ? { index, ...level } : null;
}

/** True when `level` lies above the appetite (the highest level index still accepted). */
export function isAboveAppetite(level: RiskLevel | null, appetite: number): boolean {
  return level !== null && level.index > appetite;
}

/** A score with its level. */
export function scoreOf(matrix: RiskMatrix, likelihood: number, impact: number): RiskScore {
  return { likelihood, impact, level: levelOf(matrix, likelihood, impact) };
}

/** Every cell of the matrix (likelihood, impact, both from 1) whose level passes `keep`. */
export function cellsWhere(
  matrix: RiskMatrix,
  keep: (level: RiskLevel) => boolean,
): { likelihood: number; impact: number }[] {
  return matrix.grid.flatMap((row, l) =>
    row.flatMap((_, i) => {
      const level = levelOf(matrix, l + 1, i + 1);
      return level && keep(level) ? [{ likelihood: l + 1, impact: i + 1 }] : [];
    }),
  );
}

/** SQL: the score in columns `likelihood`, `impact` is one of `cells` (false when there are none). */
export function inCells(
  columns: { likelihood: SQLiteColumn; impact: SQLiteColumn },
  cells: { likelihood: number; impact: number }[],
): SQL {
  if (cells.length === 0) return sql`0`;
  return or(
    ...cells.map((c) => and(eq(columns.likelihood, c.likelihood), eq(columns.impact, c.impact))),
  ) as SQL;
}

/**
 * Refuses (422 naming each field) likelihoods and impacts outside the matrix: likelihood
 * 1 to the number of likelihood labels, impact 1 to the number of impact labels.
 */
export function assertInMatrix(
  matrix: RiskMatrix,
  values: Partial<Record<`${(typeof SCORE_KINDS)[number]}${"Likelihood" | "Impact"}`, number>>,
): void {
  const errors: Record<string, string> = {};
  const axes = [
    ["Likelihood", matrix.likelihood.length],
    ["Impact", matrix.impact.length],
  ] as const;
  for (const kind of SCORE_KINDS)
    for (const [axis, max] of axes) {
      const value = values[`${kind}${axis}`];
      if (value !== undefined && (value < 1 || value > max)) errors[`${kind}${axis}`] = `Choose 1 to ${max}.`;
    }
  if (Object.keys(errors).length > 0) throw new Validation(errors);
}
