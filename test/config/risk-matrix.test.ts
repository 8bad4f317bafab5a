/** The risk matrix of the configuration is checked whole at load: a bad one is refused naming where. */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { fineOrBadMatrix } from "../helpers/risk-matrix.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-risk-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const matrix = fineOrBadMatrix(
  ["Low", "High"],
  ["Low", "Mid", "High"],
  [
    [0, 0, 1],
    [0, 1, 1],
  ],
);

function problems(risk: unknown): string[] {
  try {
    loadConfig({ cwd: dir, env: {}, overrides: { risk } as never });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.path);
    throw error;
  }
  return [];
}

describe("risk.matrix", () => {
  test("a whole matrix and an appetite naming a level load", () => {
    expect(problems({ matrix, appetite: 1 })).toEqual([]);
    expect(loadConfig({ cwd: dir, env: {} }).config.risk.matrix.levels.map((l) => l.name)).toEqual([
      "Low",
      "Medium",
      "High",
      "Critical",
    ]);
  });

  test("rows, cells, level indexes, the appetite and colours are checked", () => {
    expect(problems({ matrix: { ...matrix, grid: [[0, 0, 1]] }, appetite: 0 })).toEqual(["risk.matrix.grid"]);
    expect(
      problems({
        matrix: {
          ...matrix,
          grid: [
            [0, 0],
            [0, 1, 1],
          ],
        },
        appetite: 0,
      }),
    ).toEqual(["risk.matrix.grid.0"]);
    expect(
      problems({
        matrix: {
          ...matrix,
          grid: [
            [0, 0, 2],
            [0, 1, 1],
          ],
        },
        appetite: 0,
      }),
    ).toEqual(["risk.matrix.grid.0.2"]);
    expect(problems({ matrix, appetite: 2 })).toEqual(["risk.appetite"]);
    expect(
      problems({
        matrix: { ...matrix, levels: [{ name: "Fine", color: "pink" }, ...matrix.levels] },
        appetite: 0,
      }),
    ).toEqual(["risk.matrix.levels.0.color"]);
  });
});
