/** Risk matrices for tests that configure their own. */

/**
 * A small risk matrix of two levels, 0 "Fine" (green) and 1 "Bad" (red): `grid` has a row per
 * likelihood and in it a level per impact.
 */
export function fineOrBadMatrix(likelihood: string[], impact: string[], grid: number[][]) {
  return {
    likelihood,
    impact,
    levels: [
      { name: "Fine", color: "green" },
      { name: "Bad", color: "red" },
    ],
    grid,
  };
}
