/**
 * The risk API's readings of the register: `GET /api/v1/risks/{id}/suggestion` (the
 * evidence-based likelihood from the risk's linked assets and techniques, never applied by
 * itself) and `GET /api/v1/risks/trend` (levels per day from the daily snapshots).
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { snapshotRows } from "../../src/modules/risks/risk-queries.ts";
import { snapshotDay, takeSnapshot } from "../../src/modules/risks/snapshots.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { createdAs, useTestApp } from "../helpers/app.ts";

const DAY_MS = 86_400_000;
const t = useTestApp();
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
});

async function post(path: string, body: unknown) {
  return (await createdAs(t, "admin", `/api/v1${path}`, body)) as Record<string, unknown> & {
    id: string;
    version: number;
  };
}

/** A risk owned by the analyst: `title`, `category` and `fields` (its scores, links …). */
const newRisk = (title: string, category: string, fields: Record<string, unknown>) =>
  post("/risks", { title, owner: t.users.analyst.id, category, ...fields });

describe("GET /api/v1/risks/{id}/suggestion", () => {
  test("from an overdue critical vulnerability on a linked asset and a linked technique seen in alerts", async () => {
    const asset = await post("/cmdb/assets", {
      name: "Suggest host",
      assetType: "server",
      hostname: "sg01.test",
    });
    const vulnerability = await post("/vulnerabilities", {
      title: "Suggest RCE",
      severity: "critical",
      discoveredAt: Date.now() - 30 * DAY_MS,
      assetIds: [asset.id],
    });
    await post("/soc/alerts", { title: "Suggest alert", severity: "high", techniques: ["T1059.001"] });
    const risk = await newRisk("Suggested risk", "technical", {
      inherentLikelihood: 1,
      inherentImpact: 3,
      assetIds: [asset.id],
      techniques: ["T1059.001"],
    });
    const res = await t.as("viewer", `/api/v1/risks/${risk.id}/suggestion`);
    expect(res.status).toBe(200);
    const s = await res.json();
    expect(s).toMatchObject({ current: 1, levels: 5, points: 18, likelihood: 3, windowDays: 90 });
    expect(s.reasons.map((r: { kind: string }) => r.kind)).toEqual(["vulnerability", "technique"]);
    expect(s.reasons[0]).toMatchObject({ points: 16, link: `/vulnerabilities/${vulnerability.id}` });
    expect(s.reasons[0].text).toContain("overdue");
    // Only a suggestion: the risk is unchanged.
    const after = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
    expect(after.currentLikelihood).toBe(1);
  });

  test("no links: level 1 with a reason saying so; unknown risk 404", async () => {
    const risk = await newRisk("Unlinked risk", "operational", {
      inherentLikelihood: 3,
      inherentImpact: 3,
    });
    const s = await (await t.as("viewer", `/api/v1/risks/${risk.id}/suggestion`)).json();
    expect(s).toMatchObject({ likelihood: 1, current: 3, points: 0 });
    expect(s.reasons).toEqual([expect.objectContaining({ kind: "none", link: null })]);
    expect((await t.as("viewer", "/api/v1/risks/nope/suggestion")).status).toBe(404);
  });
});

describe("GET /api/v1/risks/trend", () => {
  test("levels per day from the snapshots, closed risks left out; a bad period is a 422", async () => {
    const open = await newRisk("Trend open", "operational", {
      inherentLikelihood: 5,
      inherentImpact: 5,
      residualLikelihood: 1,
      residualImpact: 1,
    });
    const rows = (await snapshotRows(t.database.db)).filter((r) => r.riskId === open.id);
    const yesterday = snapshotDay(Date.now() - DAY_MS);
    await takeSnapshot(t.database.db, yesterday, [
      ...rows,
      { ...rows[0], riskId: "gone", status: "closed" } as (typeof rows)[number],
    ]);
    const res = await t.as("viewer", "/api/v1/risks/trend?period=90d");
    expect(res.status).toBe(200);
    const trend = await res.json();
    expect(trend.period).toBe("90d");
    expect(trend.to).toBe(snapshotDay(Date.now()));
    expect(trend.levels.map((l: { name: string }) => l.name)).toEqual(["Low", "Medium", "High", "Critical"]);
    expect(trend.days).toEqual([{ day: yesterday, current: [0, 0, 0, 1], residual: [1, 0, 0, 0] }]);
    const bad = await t.as("viewer", "/api/v1/risks/trend?period=week");
    expect(bad.status).toBe(422);
  });
});
