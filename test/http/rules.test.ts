/**
 * The alert rules API: rules from the configuration listed read-only beside stored ones,
 * each with its live state; create, edit against a version, delete, all audited; a 422
 * naming every bad field; a test evaluation that measures the host now.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import type { AlertSink, RaiseInput } from "../../src/monitor/alert-sink.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";

const BASE = "/api/v1/soc/rules";

/** The seam to the alerts service: records what the engine raises and closes. */
class RecordingSink implements AlertSink {
  raised: RaiseInput[] = [];
  closed: string[] = [];
  async raise(input: RaiseInput) {
    this.raised.push(input);
    return { id: String(this.raised.length), created: true };
  }
  async close(dedupKey: string) {
    this.closed.push(dedupKey);
  }
}

const sink = new RecordingSink();

const t = useTestApp(
  {
    monitor: { intervalMs: 250 },
    alerts: {
      rules: [
        {
          id: "ops-load",
          name: "Load above 500",
          condition: { type: "metric", series: "load1", operator: ">", threshold: 500 },
        },
      ],
    },
  },
  { alertSink: sink },
);
beforeAll(async () => {
  t.metrics.start();
  await t.ruleEngine.start();
});

const alwaysFiring = {
  name: "Any process at all",
  condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
  severity: "low",
};

async function create(body: unknown = alwaysFiring) {
  return (await createdAs(t, "manager", BASE, body)) as { id: string; version: number };
}

describe("alert rules API", () => {
  test("lists the shipped defaults and config rules read-only, then stored ones", async () => {
    const stored = await create({ ...alwaysFiring, name: "Listed" });
    const res = await t.as("viewer", BASE);
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: { id: string; origin: string; version: number | null }[];
    };
    const ids = items.map((r) => r.id);
    expect(ids.slice(0, 5)).toEqual([
      "default-cpu",
      "default-memory",
      "default-disk",
      "default-new-port",
      "ops-load",
    ]);
    expect(items.find((r) => r.id === "ops-load")).toMatchObject({ origin: "config", version: null });
    expect(items.find((r) => r.id === stored.id)).toMatchObject({ origin: "database", version: 1 });
  });

  test("a created rule is evaluated from the next tick: its state turns firing and its alert is raised", async () => {
    const created = await t.as("manager", BASE, jsonInit(alwaysFiring));
    expect(created.status).toBe(201);
    const rule = (await created.json()) as { id: string };
    expect(created.headers.get("Location")).toBe(`${BASE}/${rule.id}`);
    expect(created.headers.get("ETag")).toBe('"1"');
    await until("the rule engine", () => sink.raised.some((r) => r.dedupKey === `rule:${rule.id}`), 10_000);
    const one = await t.as("viewer", `${BASE}/${rule.id}`);
    const body = (await one.json()) as { status: { state: string; value: number } };
    expect(body.status.state).toBe("firing");
    expect(body.status.value).toBeGreaterThan(0);
    const audit = await t.as("admin", `/api/v1/audit?resourceId=${rule.id}`);
    const entries = ((await audit.json()) as { items: { action: string }[] }).items;
    expect(entries.map((e) => e.action)).toEqual(["rule.create"]);
  });

  test("a create answers a rule's fields in the order a read gives them", async () => {
    const created = (await create()) as Record<string, unknown>;
    const read = (await (await t.as("viewer", `${BASE}/${created.id}`)).json()) as Record<string, unknown>;
    expect(Object.keys(created)).toEqual(Object.keys(read));
  });

  test("422 names every bad field and stores nothing", async () => {
    const before = ((await (await t.as("viewer", BASE)).json()) as { items: unknown[] }).items.length;
    const bad = async (body: unknown) => {
      const res = await t.as("manager", BASE, jsonInit(body));
      expect(res.status).toBe(422);
      expect(res.headers.get("Content-Type")).toBe("application/problem+json");
      return ((await res.json()) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    };
    expect(
      await bad({
        name: " ",
        condition: { type: "metric", series: "cpu", operator: ">", threshold: 120, mount: "/" },
        forSeconds: -1,
        severity: "urgent",
      }),
    ).toEqual(["condition.mount", "condition.threshold", "forSeconds", "name", "severity"]);
    expect(
      await bad({
        name: "x",
        condition: { type: "metric", series: "memory", operator: ">", threshold: 80, clear: 90 },
      }),
    ).toEqual(["condition.clear"]);
    expect(await bad({ name: "x", condition: { type: "process_absent" } })).toEqual(["condition.name"]);
    expect(await bad({ name: "x", condition: { type: "disk_full" } })).toEqual(["condition.type"]);
    const after = ((await (await t.as("viewer", BASE)).json()) as { items: unknown[] }).items.length;
    expect(after).toBe(before);
  });

  test("edits go against the version read; stale is 409, none is 428, and the change is audited", async () => {
    const rule = await create({ ...alwaysFiring, name: "Before" });
    const none = await t.as("manager", `${BASE}/${rule.id}`, jsonInit({ name: "No version" }, "PATCH"));
    expect(none.status).toBe(428);
    const ok = await t.as(
      "manager",
      `${BASE}/${rule.id}`,
      jsonInit({ name: "After", enabled: false }, "PATCH", { "If-Match": '"1"' }),
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ETag")).toBe('"2"');
    expect(await ok.json()).toMatchObject({
      name: "After",
      enabled: false,
      version: 2,
      status: { state: "disabled" },
    });
    const stale = await t.as(
      "manager",
      `${BASE}/${rule.id}`,
      jsonInit({ name: "Late", version: 1 }, "PATCH"),
    );
    expect(stale.status).toBe(409);
    const audit = await t.as("admin", `/api/v1/audit?resourceId=${rule.id}&action=rule.update`);
    const [entry] = ((await audit.json()) as { items: { changes: Record<string, unknown> }[] }).items;
    expect(entry?.changes).toEqual({
      name: { before: "Before", after: "After" },
      enabled: { before: true, after: false },
    });
  });

  test("rules from the configuration cannot be changed or deleted here (409)", async () => {
    const patch = await t.as("admin", `${BASE}/default-cpu`, jsonInit({ name: "x", version: 1 }, "PATCH"));
    expect(patch.status).toBe(409);
    // Each names the setting it comes from: a shipped rule alerts.defaults, one of ours alerts.rules.
    expect(((await patch.json()) as { detail: string }).detail).toBe(
      "Rule default-cpu is one of the shipped rules: turn them off in the config file (alerts.defaults: false) and add your own.",
    );
    const del = await t.as("admin", `${BASE}/ops-load`, { method: "DELETE" });
    expect(del.status).toBe(409);
    expect(((await del.json()) as { detail: string }).detail).toBe(
      "Rule ops-load comes from the configuration: change it in the config file (alerts.rules).",
    );
  });

  test("deleting a firing rule closes its alert; the rule is gone (404) and the delete audited", async () => {
    const rule = await create({ ...alwaysFiring, name: "Short-lived" });
    await until("the rule engine", () => sink.raised.some((r) => r.dedupKey === `rule:${rule.id}`), 10_000);
    const res = await t.as("manager", `${BASE}/${rule.id}`, { method: "DELETE" });
    expect(res.status).toBe(204);
    await t.ruleEngine.settled();
    expect(sink.closed).toContain(`rule:${rule.id}`);
    expect((await t.as("viewer", `${BASE}/${rule.id}`)).status).toBe(404);
    const audit = await t.as("admin", `/api/v1/audit?resourceId=${rule.id}&action=rule.delete`);
    expect(((await audit.json()) as { total: number }).total).toBe(1);
  });

  test("a test evaluation measures now and says what would happen, without raising anything", async () => {
    await until("the rule engine", () => t.metrics.snapshot().latest !== null, 10_000);
    const raised = sink.raised.length;
    const cpu = await t.as("manager", `${BASE}/default-cpu/test`, { method: "POST" });
    expect(cpu.status).toBe(200);
    const body = (await cpu.json()) as {
      readings: { subject: string; value: number; holds: boolean; outcome: string }[];
    };
    expect(body.readings).toHaveLength(1);
    const [reading] = body.readings;
    expect(reading?.value).toBeGreaterThanOrEqual(0);
    // Five minutes must pass before the shipped CPU rule fires: at most it waits.
    expect(reading?.outcome).toBe(reading?.holds ? "pending" : "ok");
    const rule = await create({ ...alwaysFiring, name: "Tested", forSeconds: 0, enabled: false });
    const fresh = await t.as("manager", `${BASE}/${rule.id}/test`, { method: "POST" });
    const readings = ((await fresh.json()) as { readings: { holds: boolean; outcome: string }[] }).readings;
    expect(readings).toEqual([expect.objectContaining({ holds: true, outcome: "fire" })]);
    expect(sink.raised.length).toBe(raised);
    expect((await t.as("manager", `${BASE}/none/test`, { method: "POST" })).status).toBe(404);
  });
});
