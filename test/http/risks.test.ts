/**
 * The risk register's API: records scored on the configured matrix (422 outside it), owners
 * that must be active users, links to live records only, optimistic versions, the workflow,
 * the acceptance workflow with its roles, the periodic reminders (expiry reopening a risk,
 * reviews due, each once), a config reload re-deriving levels, and the heat maps.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { users } from "../../src/db/schema/users.ts";
import { notifications } from "../../src/modules/notifications/schema.ts";
import { EXPIRY_WARNING_MS, runRiskReminders } from "../../src/modules/risks/reminders.ts";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { jsonInit, testConfig, useTestApp } from "../helpers/app.ts";
import { fineOrBadMatrix } from "../helpers/risk-matrix.ts";

const DAY = 86_400_000;
const t = useTestApp();
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
});

type Risk = Record<string, unknown> & {
  id: string;
  version: number;
  status: string;
  treatment: string | null;
  aboveAppetite: boolean;
  scores: Record<
    "inherent" | "current" | "residual",
    { likelihood: number; impact: number; level: { name: string; index: number; color: string } | null }
  >;
  links: Record<string, { id: string; name: string }[]>;
  acceptance: { status: string; requestedBy: { id: string } | null; decidedBy: { id: string } | null } | null;
};

async function newRisk(fields: Record<string, unknown> = {}): Promise<Risk> {
  const res = await t.as(
    "analyst",
    "/api/v1/risks",
    jsonInit({
      title: "Ransomware on the file servers",
      owner: t.users.analyst.id,
      category: "technical",
      inherentLikelihood: 4,
      inherentImpact: 5,
      ...fields,
    }),
  );
  expect(res.status).toBe(201);
  return res.json();
}

async function errorsOf(res: Response): Promise<string[]> {
  expect(res.status).toBe(422);
  return ((await res.json()).errors as { field: string }[]).map((e) => e.field);
}

/** The fields a minimal risk with `fields` on top is refused for (422). */
async function refusedCreate(fields: Record<string, unknown>): Promise<string[]> {
  return errorsOf(
    await t.as(
      "analyst",
      "/api/v1/risks",
      jsonInit({ title: "x", inherentLikelihood: 1, inherentImpact: 1, ...fields }),
    ),
  );
}

const move = (id: string, status: string, role: "analyst" | "viewer" = "analyst") =>
  t.as(role, `/api/v1/risks/${id}/status`, jsonInit({ status }));

describe("risks (records)", () => {
  test("create with defaults, read with levels, edit against a version (stale: 409), delete and restore", async () => {
    const risk = await newRisk({ techniques: ["T1486"], treatment: "mitigate", treatmentPlan: "Backups" });
    expect(risk.status).toBe("identified");
    expect(risk.scores.inherent).toEqual({
      likelihood: 4,
      impact: 5,
      level: { index: 3, name: "Critical", color: "red" },
    });
    expect(risk.scores.current).toEqual(risk.scores.inherent);
    expect(risk.scores.residual).toEqual(risk.scores.inherent);
    expect(risk.aboveAppetite).toBe(true);
    expect((risk.techniques as { attackId: string }[]).map((x) => x.attackId)).toEqual(["T1486"]);

    const patched = await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit(
        { version: 1, currentLikelihood: 2, currentImpact: 2, residualLikelihood: 1, residualImpact: 1 },
        "PATCH",
      ),
    );
    expect(patched.status).toBe(200);
    const edited: Risk = await patched.json();
    expect(edited.version).toBe(2);
    expect(edited.scores.current.level?.name).toBe("Low");
    expect(edited.aboveAppetite).toBe(false);
    const stale = await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit({ version: 1, title: "Late" }, "PATCH"),
    );
    expect(stale.status).toBe(409);
    expect((await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json()).title).toBe(
      risk.title as string,
    );

    expect((await t.as("analyst", `/api/v1/risks/${risk.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await t.as("admin", `/api/v1/risks/${risk.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await t.as("viewer", `/api/v1/risks/${risk.id}`)).status).toBe(404);
    const restored = await t.as("admin", `/api/v1/risks/${risk.id}/restore`, { method: "POST" });
    expect(restored.status).toBe(200);
    expect((await restored.json()).techniques).toHaveLength(1);
  });

  test("scores outside the matrix, missing fields and a direct accept are 422 naming each field", async () => {
    const scored = { title: "Out of range", owner: t.users.analyst.id, category: "technical" };
    expect(await refusedCreate({ ...scored, inherentLikelihood: 6, inherentImpact: 0 })).toEqual([
      "inherentImpact",
    ]);
    expect(
      await refusedCreate({ ...scored, inherentLikelihood: 6, inherentImpact: 2, residualImpact: 9 }),
    ).toEqual(["inherentLikelihood", "residualImpact"]);
    const missing = await t.as("analyst", "/api/v1/risks", jsonInit({ title: "x" }));
    expect((await errorsOf(missing)).sort()).toEqual([
      "category",
      "inherentImpact",
      "inherentLikelihood",
      "owner",
    ]);
    expect(
      await refusedCreate({ owner: t.users.analyst.id, category: "technical", treatment: "accept" }),
    ).toEqual(["treatment"]);
  });

  test("an unknown or disabled owner is a 422 naming owner", async () => {
    expect(await refusedCreate({ owner: "nobody", category: "other" })).toEqual(["owner"]);
    const [disabled] = await t.database.db
      .insert(users)
      .values({
        id: Bun.randomUUIDv7(),
        username: "gone",
        email: "gone@example.test",
        displayName: "Gone",
        role: "analyst",
        passwordHash: "x",
        isActive: false,
        createdAt: Date.now(),
        updatedAt: Date.now(),
      })
      .returning();
    expect(await refusedCreate({ owner: disabled?.id, category: "other" })).toEqual(["owner"]);
    const risk = await newRisk();
    const res = await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit({ version: 1, owner: disabled?.id }, "PATCH"),
    );
    expect(await errorsOf(res)).toEqual(["owner"]);
  });

  test("links to live records; an unknown or deleted one is a 422 naming the field and changes nothing", async () => {
    const post = async (path: string, body: unknown) =>
      (await (await t.as("admin", `/api/v1${path}`, jsonInit(body))).json()) as { id: string };
    const asset = await post("/cmdb/assets", { name: "Risk host", assetType: "server" });
    const vulnerability = await post("/vulnerabilities", { title: "Weak TLS", severity: "medium" });
    const incident = await post("/incidents", { title: "Phish", severity: "high" });
    const threat = await post("/threats", { name: "Crew", category: "adversary" });
    const risk = await newRisk({
      assetIds: [asset.id],
      vulnerabilityIds: [vulnerability.id],
      incidentIds: [incident.id],
      threatIds: [threat.id],
    });
    expect(risk.links.asset).toEqual([{ id: asset.id, name: "Risk host" }]);
    expect(risk.links.vulnerability?.[0]?.name).toBe("Weak TLS");
    expect(risk.links.incident?.[0]?.id).toBe(incident.id);
    expect(risk.links.threat?.[0]?.name).toBe("Crew");

    const gone = await post("/incidents", { title: "Deleted one", severity: "low" });
    await t.as("admin", `/api/v1/incidents/${gone.id}`, { method: "DELETE" });
    await t.as("admin", `/api/v1/incidents/${incident.id}`, { method: "DELETE" });
    const refused = await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit(
        { version: 1, title: "Renamed", incidentIds: [incident.id, gone.id], assetIds: ["no-such-asset"] },
        "PATCH",
      ),
    );
    expect((await errorsOf(refused)).sort()).toEqual(["assetIds", "incidentIds"]);
    const after: Risk = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
    expect(after.version).toBe(1);
    expect(after.title).toBe(risk.title);
    // The deleted incident's link is kept (a restore brings it back) but not shown.
    expect(after.links.incident).toEqual([]);
    expect(after.links.asset).toHaveLength(1);
    expect(
      await refusedCreate({ owner: t.users.analyst.id, category: "other", incidentIds: [gone.id] }),
    ).toEqual(["incidentIds"]);
    const cleared = await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit({ version: 1, assetIds: [] }, "PATCH"),
    );
    expect((await cleared.json()).links.asset).toEqual([]);
  });

  test("workflow moves: allowed ones by analysts, others 409, viewers 403; reopen from closed", async () => {
    const risk = await newRisk();
    expect((await move(risk.id, "treating")).status).toBe(409);
    expect((await move(risk.id, "assessed", "viewer")).status).toBe(403);
    for (const status of ["assessed", "treating", "monitored", "closed", "assessed"])
      expect((await move(risk.id, status)).status).toBe(200);
    expect((await move(risk.id, "assessed")).status).toBe(409);
  });
});

describe("acceptance", () => {
  const accept = (id: string, role: "analyst" | "manager" | "admin" | "viewer", body: unknown) =>
    t.as(role, `/api/v1/risks/${id}/acceptance`, jsonInit(body));
  const decide = (id: string, role: "analyst" | "manager" | "admin" | "viewer", what: "approve" | "reject") =>
    t.as(role, `/api/v1/risks/${id}/acceptance/${what}`, jsonInit({ note: `${what}d by ${role}` }));

  test("request (reason, end in the future within three years), approve by a manager, never by the requester", async () => {
    const risk = await newRisk();
    expect(
      (await errorsOf(await accept(risk.id, "analyst", { reason: "", expiresAt: Date.now() - DAY }))).sort(),
    ).toEqual(["expiresAt", "reason"]);
    expect(
      await errorsOf(
        await accept(risk.id, "analyst", { reason: "Cheap", expiresAt: Date.now() + 4 * 366 * DAY }),
      ),
    ).toEqual(["expiresAt"]);
    expect(
      (await accept(risk.id, "viewer", { reason: "Cheap", expiresAt: Date.now() + 90 * DAY })).status,
    ).toBe(403);
    const asked = await accept(risk.id, "analyst", {
      reason: "Cheap to live with",
      expiresAt: Date.now() + 90 * DAY,
    });
    expect(asked.status).toBe(200);
    expect((await asked.json()).acceptance).toMatchObject({
      status: "pending",
      requestedBy: { id: t.users.analyst.id },
    });
    expect(
      (await accept(risk.id, "manager", { reason: "Again", expiresAt: Date.now() + 90 * DAY })).status,
    ).toBe(409);

    expect((await decide(risk.id, "analyst", "approve")).status).toBe(403);
    expect((await decide(risk.id, "viewer", "reject")).status).toBe(403);
    const approved = await decide(risk.id, "manager", "approve");
    expect(approved.status).toBe(200);
    const body: Risk = await approved.json();
    expect(body).toMatchObject({ treatment: "accept", status: "monitored", version: 2 });
    expect(body.acceptance).toMatchObject({ status: "approved", decidedBy: { id: t.users.manager.id } });
    expect((await decide(risk.id, "admin", "reject")).status).toBe(409);
  });

  test("the requester cannot approve their own request, even as admin, but may withdraw it; a manager rejects", async () => {
    const risk = await newRisk();
    await accept(risk.id, "admin", { reason: "Mine", expiresAt: Date.now() + 30 * DAY });
    expect((await decide(risk.id, "admin", "approve")).status).toBe(403);
    const withdrawn = await decide(risk.id, "admin", "reject");
    expect(withdrawn.status).toBe(200);
    expect((await withdrawn.json()).acceptance).toBeNull();
    await accept(risk.id, "analyst", { reason: "Second try", expiresAt: Date.now() + 30 * DAY });
    expect((await decide(risk.id, "analyst", "reject")).status).toBe(200);
    await accept(risk.id, "analyst", { reason: "Third try", expiresAt: Date.now() + 30 * DAY });
    const rejected: Risk = await (await decide(risk.id, "manager", "reject")).json();
    expect(rejected.treatment).toBeNull();
    expect((rejected.acceptances as { status: string }[]).map((a) => a.status)).toEqual([
      "rejected",
      "rejected",
      "rejected",
    ]);
  });

  test("a request tells the managers and admins who may decide it, never the requester", async () => {
    const risk = await newRisk({ title: "Printer firmware stays unpatched" });
    const title = `Acceptance to decide: "${risk.title}"`;
    const told = async () =>
      (
        await t.database.db
          .select({ userId: notifications.userId })
          .from(notifications)
          .where(and(eq(notifications.type, "risk"), eq(notifications.title, title)))
      )
        .map((n) => n.userId)
        .sort();
    expect(
      (await accept(risk.id, "manager", { reason: "Isolated VLAN", expiresAt: Date.now() + 60 * DAY }))
        .status,
    ).toBe(200);
    await t.notifier.settled();
    expect(await told()).toEqual([t.users.admin.id]);
    await decide(risk.id, "manager", "reject");
    expect(
      (await accept(risk.id, "analyst", { reason: "Isolated VLAN", expiresAt: Date.now() + 60 * DAY }))
        .status,
    ).toBe(200);
    await t.notifier.settled();
    expect(await told()).toEqual([t.users.admin.id, t.users.admin.id, t.users.manager.id].sort());
  });

  test("an expired acceptance reopens the risk (audited as Warden) and tells its owner once", async () => {
    const risk = await newRisk({ owner: t.users.manager.id });
    await accept(risk.id, "analyst", { reason: "Short", expiresAt: Date.now() + 30 * DAY });
    await decide(risk.id, "admin", "approve");
    const events = { db: t.database.db, bus: t.bus, events: t.notifier };
    // 20 days on: ends within 14 days → warned once.
    expect(await runRiskReminders(events, Date.now() + 20 * DAY)).toBeGreaterThanOrEqual(1);
    await runRiskReminders(events, Date.now() + 21 * DAY);
    // 31 days on: ended → reopened.
    await runRiskReminders(events, Date.now() + 31 * DAY);
    await runRiskReminders(events, Date.now() + 32 * DAY);
    await t.notifier.settled();
    const after: Risk = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
    expect(after).toMatchObject({ status: "assessed", treatment: null, acceptance: null });
    expect((after.acceptances as { status: string }[])[0]?.status).toBe("expired");
    const told = await t.database.db
      .select({ title: notifications.title })
      .from(notifications)
      .where(
        and(
          eq(notifications.userId, t.users.manager.id),
          eq(notifications.type, "risk"),
          eq(notifications.link, `/risks/${risk.id}`),
        ),
      );
    // The manager owns the risk (told of its end) and may approve it (told of the request).
    expect(told.map((n) => n.title).sort()).toEqual([
      `Acceptance ended: "${risk.title}" is open again`,
      `Acceptance ending soon: "${risk.title}"`,
      `Acceptance to decide: "${risk.title}"`,
    ]);
    const audit = await (
      await t.as("admin", `/api/v1/audit?resourceId=${risk.id}&action=risk.acceptance_expire`)
    ).json();
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      actorType: "system",
      actorLabel: "risk-acceptance-expiry",
      changes: {
        status: { before: "monitored", after: "assessed" },
        treatment: { before: "accept", after: null },
      },
    });
    expect(EXPIRY_WARNING_MS).toBe(14 * DAY);
  });

  test("a review due is told to the owner once; a new review date is told again", async () => {
    const risk = await newRisk({ owner: t.users.viewer.id, nextReviewAt: Date.now() + DAY });
    const events = { db: t.database.db, bus: t.bus, events: t.notifier };
    const reviews = async () => {
      await t.notifier.settled();
      return t.database.db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, t.users.viewer.id),
            eq(notifications.title, `Review due: "${risk.title}"`),
          ),
        );
    };
    await runRiskReminders(events);
    expect(await reviews()).toHaveLength(0);
    await runRiskReminders(events, Date.now() + 2 * DAY);
    await runRiskReminders(events, Date.now() + 3 * DAY);
    expect(await reviews()).toHaveLength(1);
    await t.as(
      "analyst",
      `/api/v1/risks/${risk.id}`,
      jsonInit({ version: 1, nextReviewAt: Date.now() + 5 * DAY }, "PATCH"),
    );
    await runRiskReminders(events, Date.now() + 6 * DAY);
    expect(await reviews()).toHaveLength(2);
  });
});

describe("matrix, filters and heat maps", () => {
  test("a config reload re-derives levels; scores kept, outside the matrix shown as such", async () => {
    const risk = await newRisk({
      inherentLikelihood: 5,
      inherentImpact: 5,
      currentLikelihood: 3,
      currentImpact: 3,
    });
    const original = t.config.get;
    const smaller = testConfig(t.dir, {
      risk: {
        matrix: fineOrBadMatrix(
          ["Low", "Medium", "High"],
          ["Low", "Medium", "High"],
          [
            [0, 0, 0],
            [0, 0, 1],
            [0, 1, 1],
          ],
        ),
        appetite: 0,
      },
    });
    (t.config as { get: () => typeof smaller }).get = () => smaller;
    try {
      const view: Risk = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
      expect(view.scores.inherent).toEqual({ likelihood: 5, impact: 5, level: null });
      expect(view.scores.current.level).toEqual({ index: 1, name: "Bad", color: "red" });
      expect(view.aboveAppetite).toBe(true);
      const heat = await (await t.as("viewer", "/api/v1/risks/heatmap")).json();
      expect(heat.current.rows).toHaveLength(3);
      expect(heat.residual.outside).toBeGreaterThanOrEqual(0);
      const page = await t.as("viewer", `/risks/${risk.id}`);
      expect(await page.text()).toContain("Outside the matrix");
    } finally {
      (t.config as { get: typeof original }).get = original;
    }
    const back: Risk = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
    expect(back.scores.inherent.level?.name).toBe("Critical");
  });

  test("filters: level, aboveAppetite, cell by current or residual score; heat map counts open risks", async () => {
    const tag = `F${Date.now()}`;
    const a = await newRisk({ title: `${tag} a`, inherentLikelihood: 1, inherentImpact: 1 });
    const b = await newRisk({
      title: `${tag} b`,
      inherentLikelihood: 5,
      inherentImpact: 5,
      residualLikelihood: 1,
      residualImpact: 1,
    });
    const c = await newRisk({ title: `${tag} c`, inherentLikelihood: 5, inherentImpact: 5 });
    await move(c.id, "closed");
    const titles = async (query: string) =>
      (
        (await (await t.as("viewer", `/api/v1/risks?q=${tag}&sort=title&${query}`)).json()).items as {
          title: string;
        }[]
      ).map((r) => r.title);
    expect(await titles("aboveAppetite=true")).toEqual([`${tag} b`, `${tag} c`]);
    expect(await titles("aboveAppetite=false")).toEqual([`${tag} a`]);
    expect(await titles("level=0")).toEqual([`${tag} a`]);
    expect(await titles("likelihood=1&impact=1")).toEqual([`${tag} a`]);
    expect(await titles("likelihood=1&impact=1&scoreOf=residual")).toEqual([`${tag} a`, `${tag} b`]);
    expect(await titles("likelihood=5&impact=5&open=true")).toEqual([`${tag} b`]);
    expect(await titles("treatment=none&status=closed")).toEqual([`${tag} c`]);
    expect((await t.as("viewer", "/api/v1/risks?likelihood=x")).status).toBe(422);

    const heat = await (await t.as("viewer", "/api/v1/risks/heatmap")).json();
    const count = (kind: string, l: number, i: number) => heat[kind].rows[l - 1][i - 1].count as number;
    const openAt55 = await titles("likelihood=5&impact=5&open=true");
    expect(count("current", 5, 5)).toBeGreaterThanOrEqual(openAt55.length);
    const all55 = (
      await (await t.as("viewer", "/api/v1/risks?likelihood=5&impact=5&open=true&pageSize=200")).json()
    ).total;
    expect(count("current", 5, 5)).toBe(all55);
    expect(heat.current.rows[4][4].level.name).toBe("Critical");
    const csv = await (await t.as("viewer", `/api/v1/risks/export?format=csv&q=${tag}`)).text();
    const hits = (await (await t.as("viewer", `/api/v1/search?q=${tag}`)).json()).hits as {
      kind: string;
      href: string;
    }[];
    expect(hits.filter((h) => h.kind === "risks").map((h) => h.href)).toContain(`/risks/${a.id}`);
    expect(csv.split("\n")[0]).toContain("current_level");
    expect(a.id).toBeTruthy();
    expect(b.id).toBeTruthy();
  });
});
