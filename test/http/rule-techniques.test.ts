/**
 * Alert rules naming ATT&CK techniques: the API stores them as the catalog spells them
 * (unknown ids: a 422 naming the field), and the alerts a rule raises name them — a rule
 * from the configuration, which nothing checks against the catalog, raises its alert with
 * the ids the catalog knows rather than losing it.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { ensureAttackCatalog } from "../../src/modules/threats/shipped-catalog.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { formInit } from "../pages/helpers.ts";

const BASE = "/api/v1/soc/rules";
const ALWAYS = { type: "metric", series: "processes", operator: ">", threshold: 0 } as const;

const t = useTestApp({
  monitor: { intervalMs: 250 },
  alerts: {
    defaults: false,
    rules: [
      {
        id: "ops-miner",
        name: "Config rule naming techniques",
        condition: ALWAYS,
        severity: "low",
        techniques: ["T1496", "T0000"],
      },
    ],
  },
});
beforeAll(async () => {
  await ensureAttackCatalog({ db: t.database.db });
  t.metrics.start();
  await t.ruleEngine.start();
});

type Named = { attackId: string }[];

/** The alert a rule raised (waits for the engine and the alert queue), with its techniques. */
async function alertOf(ruleId: string): Promise<{ id: string; techniques: Named }> {
  const start = Date.now();
  while (Date.now() - start < 10_000) {
    const list = await (await t.as("viewer", "/api/v1/soc/alerts?source=rule")).json();
    const found = (list.items as { id: string; dedupKey: string }[]).find(
      (a) => a.dedupKey === `rule:${ruleId}`,
    );
    if (found) return (await t.as("viewer", `/api/v1/soc/alerts/${found.id}`)).json();
    await Bun.sleep(50);
  }
  throw new Error(`no alert of rule ${ruleId}`);
}

describe("alert rules naming techniques", () => {
  test("the API takes them (unknown ids: 422 naming the field, nothing stored) and shows them as the catalog spells them", async () => {
    const unknown = await t.as(
      "manager",
      BASE,
      jsonInit({ name: "Bad", condition: ALWAYS, techniques: ["T1059", "T4321"] }),
    );
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).errors).toEqual([
      { field: "techniques", message: "Unknown ATT&CK technique: T4321." },
    ]);
    const created = await t.as(
      "manager",
      BASE,
      jsonInit({
        name: "Miner",
        condition: ALWAYS,
        enabled: false,
        techniques: ["t1496", "T1059.004", "T1496"],
      }),
    );
    expect(created.status).toBe(201);
    const rule = await created.json();
    expect(rule.techniques).toEqual(["T1059.004", "T1496"]);
    const badPatch = await t.as(
      "manager",
      `${BASE}/${rule.id}`,
      jsonInit({ version: 1, techniques: ["X1"] }, "PATCH"),
    );
    expect(badPatch.status).toBe(422);
    const patched = await t.as(
      "manager",
      `${BASE}/${rule.id}`,
      jsonInit({ version: 1, techniques: ["T1496"] }, "PATCH"),
    );
    expect((await patched.json()).techniques).toEqual(["T1496"]);
    const config = await (await t.as("viewer", `${BASE}/ops-miner`)).json();
    expect(config.techniques).toEqual(["T1496", "T0000"]);
  });

  test("the alerts a stored rule raises name its techniques", async () => {
    const rule = await (
      await t.as("manager", BASE, jsonInit({ name: "Scripts", condition: ALWAYS, techniques: ["T1059.004"] }))
    ).json();
    const alert = await alertOf(rule.id);
    expect(alert.techniques.map((x) => x.attackId)).toEqual(["T1059.004"]);
  });

  test("a rule from the configuration raises its alert with the techniques the catalog knows", async () => {
    const alert = await alertOf("ops-miner");
    expect(alert.techniques.map((x) => x.attackId)).toEqual(["T1496"]);
  });
});

describe("the rule form's techniques field", () => {
  const fields = {
    name: "From the form",
    type: "process_absent",
    processName: "formd",
    forSeconds: "0",
    severity: "low",
    renotifySeconds: "0",
  };

  test("unknown ids: 422 with the error beside the field, what was typed kept; known ones are stored and shown on edit", async () => {
    const refused = await t.as("manager", "/soc/rules", formInit({ ...fields, techniques: "T1496 T4321" }));
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toMatch(/id="field-techniques"[^>]*value="T1496 T4321"[^>]*aria-invalid="true"/);
    expect(html).toContain("Unknown ATT&amp;CK technique: T4321.");
    const saved = await t.as(
      "manager",
      "/soc/rules",
      formInit({ ...fields, techniques: "t1496, T1059.004" }),
    );
    expect(saved.status).toBe(303);
    const { items } = await (await t.as("viewer", `${BASE}?origin=database`)).json();
    const rule = (items as { id: string; name: string; techniques: string[] }[]).find(
      (r) => r.name === "From the form",
    );
    expect(rule?.techniques).toEqual(["T1059.004", "T1496"]);
    const edit = await (await t.as("manager", `/soc/rules/${rule?.id}/edit`)).text();
    expect(edit).toMatch(/id="field-techniques"[^>]*value="T1059.004 T1496"/);
  });
});
