/**
 * The screenshots' risk register: risks across the matrix, one with an acceptance Carol
 * asked for (the admin may approve it).
 */
import { join } from "node:path";
import { openDatabase } from "../src/db/client.ts";
import { snapshotDay, takeSnapshot } from "../src/modules/risks/snapshots.ts";
import { apiSession, type WardenServer } from "../test/e2e/helpers.ts";

/** Calls the API as the admin; answers the JSON (`id` of what a POST made). */
type Api = (path: string, method: string, body: unknown) => Promise<{ id: string }>;

const DAY = 86_400_000;

/** [title, category, inherent, current, residual (likelihood, impact), treatment, owner, linked assets] */
const RISKS = [
  [
    "Ransomware encrypts the payments database",
    "technical",
    [4, 5],
    [3, 5],
    [2, 3],
    "mitigate",
    "carol",
    ["Payments DB"],
  ],
  [
    "Card data leaks through the checkout",
    "compliance",
    [3, 5],
    [2, 4],
    [1, 4],
    "mitigate",
    "bob",
    ["Checkout web"],
  ],
  [
    "Edge firewall fails without a spare",
    "operational",
    [2, 4],
    [2, 4],
    [2, 4],
    null,
    "dave",
    ["Edge firewall"],
  ],
  ["Object storage provider raises prices", "financial", [3, 2], [3, 2], [3, 2], "transfer", "bob", []],
  [
    "Build agents run unpatched images",
    "technical",
    [4, 3],
    [3, 3],
    [1, 2],
    "mitigate",
    "carol",
    ["Build agent 3"],
  ],
  ["Cold room sensors report late", "operational", [2, 1], [2, 1], [2, 1], null, "dave", []],
] as const;

/** Seeds the risks through the API; `ids` are the users' ids by name, `assets` the assets' by name. */
export async function seedRisks(
  server: WardenServer,
  api: Api,
  ids: Record<string, string>,
  assets: Record<string, string>,
): Promise<void> {
  const created: string[] = [];
  for (const [title, category, inherent, current, residual, treatment, owner, linked] of RISKS) {
    const risk = await api("/risks", "POST", {
      title,
      category,
      owner: ids[owner],
      inherentLikelihood: inherent[0],
      inherentImpact: inherent[1],
      currentLikelihood: current[0],
      currentImpact: current[1],
      residualLikelihood: residual[0],
      residualImpact: residual[1],
      treatment,
      treatmentPlan: treatment ? "Owner reports progress monthly." : "",
      nextReviewAt: Date.now() + 30 * DAY,
      assetIds: linked.map((name) => assets[name]),
      techniques: title.startsWith("Ransomware") ? ["T1486", "T1490"] : [],
      description: "Assessed in the quarterly risk workshop.",
    });
    created.push(risk.id);
    await api(`/risks/${risk.id}/status`, "POST", { status: "assessed" });
  }
  const carol = await apiSession(server.url, "carol", "carol-initial-password-1");
  await carol(`/risks/${created[0]}/acceptance`, "POST", {
    reason: "Offline backups cover a restore within 24 h.",
    expiresAt: Date.now() + 180 * DAY,
  });
  await seedRiskHistory(
    server,
    RISKS.map(([, , , current, residual], i) => ({ id: created[i] as string, current, residual })),
  );
}

/**
 * 90 days of daily snapshots of the seeded risks (written straight into the server's
 * database, as the daily job would have): each risk joins the register on a later day, and
 * its current likelihood was one higher before its treatment began, so the trend moves.
 */
async function seedRiskHistory(
  server: WardenServer,
  risks: { id: string; current: readonly [number, number]; residual: readonly [number, number] }[],
): Promise<void> {
  const database = await openDatabase({ url: `file:${join(server.dataDir, "warden.db")}` });
  try {
    for (let ago = 89; ago >= 1; ago--) {
      const rows = risks
        .filter((_, i) => ago < 90 - i * 12)
        .map((risk, i) => ({
          riskId: risk.id,
          status: "assessed",
          currentLikelihood: Math.min(5, risk.current[0] + (ago > 30 + i * 5 ? 1 : 0)),
          currentImpact: risk.current[1],
          residualLikelihood: risk.residual[0],
          residualImpact: risk.residual[1],
        }));
      await takeSnapshot(database.db, snapshotDay(Date.now() - ago * DAY), rows);
    }
  } finally {
    database.close();
  }
}
