/**
 * The risk register is read under the settings in force (`risk` of the config, which a reload
 * replaces): one list or export reads them once, so its level filters and the scores it shows
 * come from the same matrix and appetite even when a reload lands while it reads.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { systemActor } from "../../src/kit/actor.ts";
import { riskQuerySchema } from "../../src/modules/risks/risk-input.ts";
import { riskQueries } from "../../src/modules/risks/risk-queries.ts";
import { createdAs, createTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp;
const actor = systemActor("risk-queries");

beforeAll(async () => {
  t = await createTestApp();
  for (const [title, level] of [
    ["Ransomware", 5],
    ["Lost laptop", 1],
  ] as const)
    await createdAs(t, "analyst", "/api/v1/risks", {
      title,
      owner: t.users.analyst.id,
      category: "technical",
      inherentLikelihood: level,
      inherentImpact: level,
    });
});

afterAll(() => t.close());

/** Deps whose settings are read through `read`, counting the reads. */
function countingDeps(read: () => ReturnType<typeof t.config.get>["risk"]) {
  const deps = {
    db: t.database.db,
    reads: 0,
    risk: () => {
      deps.reads++;
      return read();
    },
  };
  return deps;
}

test("a list and an export read the settings once, for their filters and their views alike", async () => {
  const query = riskQuerySchema.parse({ aboveAppetite: "true" });
  const deps = countingDeps(() => t.config.get().risk);
  const page = await riskQueries.list(deps, actor, query);
  expect(deps.reads).toBe(1);
  expect(page.items.map((r) => r.title)).toEqual(["Ransomware"]);
  expect(page.items.every((r) => r.aboveAppetite)).toBe(true);

  const exported = await riskQueries.export(deps, actor, query);
  expect(deps.reads).toBe(2);
  expect(exported.map((r) => r.title)).toEqual(["Ransomware"]);
});

test("settings that change between two reads cannot split one list: what was read first holds", async () => {
  const { risk } = t.config.get();
  // The second read would put every level above the appetite (appetite below the lowest level).
  const settings = [risk, { ...risk, appetite: -1 }];
  const deps = countingDeps(() => settings[Math.min(deps.reads - 1, 1)] ?? risk);
  const page = await riskQueries.list(deps, actor, riskQuerySchema.parse({ aboveAppetite: "false" }));
  expect(page.items.map((r) => r.title)).toEqual(["Lost laptop"]);
  expect(page.items.every((r) => !r.aboveAppetite)).toBe(true);
});
