/**
 * The alert rule pages: the list with live states (full, partial and the rows fragment),
 * config rules read-only, the create form (422 keeps what was typed, errors beside the
 * fields), editing against a version (409 when someone else was first), deleting.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createdAs, useTestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import { mainOf, partialOf, postForm } from "./helpers.ts";

const t = useTestApp({ monitor: { intervalMs: 250 } });
beforeAll(async () => {
  t.metrics.start();
  await t.ruleEngine.start();
});

type Role = "admin" | "manager" | "analyst" | "viewer";
const page = async (role: Role, path: string) => (await t.as(role, path)).text();

async function create(name: string, fields: Record<string, unknown> = {}) {
  const rule = await createdAs(t, "manager", "/api/v1/soc/rules", {
    name,
    condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
    ...fields,
  });
  return rule as { id: string; version: number };
}

const ruleForm = (fields: Record<string, string> = {}) => ({
  name: "Load from the form",
  type: "metric",
  series: "load1",
  mount: "",
  operator: ">",
  threshold: "400",
  clear: "",
  processName: "",
  ignorePorts: "",
  forSeconds: "30",
  severity: "high",
  renotifySeconds: "0",
  enabled: "on",
  autoClose: "on",
  ...fields,
});

describe("/soc/rules", () => {
  test("lists config rules read-only and stored rules with their live state; writers get the actions", async () => {
    const rule = await create("Page firing rule");
    await until(
      "the rule",
      async () => (await page("viewer", "/soc/rules")).includes(`data-state="firing"`),
      10_000,
    );
    const viewer = await page("viewer", "/soc/rules");
    expectContains(viewer, [
      "<title>Alert rules · Warden</title>",
      "CPU above 90 % for 5 minutes",
      "from config",
      "Disk usage on any mount &gt; 90.0 %",
    ]);
    expect(viewer).toMatch(new RegExp(`id="rule-${rule.id}" data-state="firing"`));
    expect(viewer).toContain('hx-get="/soc/rules/rows"');
    expectLacks(viewer, ['data-testid="new-rule"', `/soc/rules/${rule.id}/edit`]);
    const manager = await page("manager", "/soc/rules");
    expectContains(manager, [
      'data-testid="new-rule"',
      `/soc/rules/${rule.id}/edit`,
      `data-testid="delete-rule-${rule.id}"`,
    ]);
    expect(manager).not.toContain("/soc/rules/default-cpu/edit");
    expect(await partialOf(t, "viewer", "/soc/rules", "Alert rules")).toContain("Page firing rule");
  });

  test("filters come from the URL; the rows fragment answers htmx and sends others to the page", async () => {
    await create("Filtered firing rule");
    await until(
      "the rule",
      async () => (await page("viewer", "/soc/rules?state=firing")).includes("Filtered firing rule"),
      10_000,
    );
    const firing = mainOf(await page("viewer", "/soc/rules?state=firing&origin=database"));
    expect(firing).toContain("Filtered firing rule");
    expect(firing).not.toContain("CPU above 90 %");
    const bad = await page("viewer", "/soc/rules?state=burning");
    expect(bad).toContain('aria-invalid="true"');
    const rows = await withStatus(
      t.as("viewer", "/soc/rules/rows?origin=config", { headers: { "HX-Request": "true" } }),
      200,
    );
    expect(rows.headers.get("HX-Replace-Url")).toBe("/soc/rules?origin=config");
    const html = await rows.text();
    expect(html).toContain("A new listening port");
    expect(html).not.toContain("Filtered firing rule");
    expect(html).toContain('id="rule-count" hx-swap-oob="true"');
    await withStatus(t.as("viewer", "/soc/rules/rows"), 303);
  });

  test("creating from the form stores the rule; a 422 keeps the input and names each field", async () => {
    expect((await t.as("viewer", "/soc/rules/new")).status).toBe(403);
    const form = await page("manager", "/soc/rules/new");
    expectContains(form, ['name="threshold"', 'value="90"']);
    const html = await textWithStatus(
      postForm(
        t,
        "manager",
        "/soc/rules",
        ruleForm({ name: "Kept name", series: "memory", threshold: "abc", clear: "", forSeconds: "-5" }),
      ),
      422,
    );
    expect(html).toContain('value="Kept name"');
    expect(html).toMatch(/id="field-threshold-error">Enter a number\./);
    expect(html).toMatch(/id="field-forSeconds-error">Use 0 or more seconds\./);
    expect(
      await textWithStatus(
        postForm(t, "manager", "/soc/rules", ruleForm({ threshold: "4", clear: "9" })),
        422,
      ),
    ).toMatch(/id="field-clear-error">The clear threshold must be at or below/);
    const process = await postForm(t, "manager", "/soc/rules", ruleForm({ type: "process_absent" }));
    expect(await process.text()).toMatch(/id="field-processName-error">Name the process\./);
    const ok = await withStatus(postForm(t, "manager", "/soc/rules", ruleForm({ ignorePorts: "22" })), 303);
    expect(ok.headers.get("Location")).toBe("/soc/rules?notice=created");
    const list = await page("manager", "/soc/rules?notice=created");
    expectContains(list, ["Rule created.", "Load from the form", "Load (1 min) &gt; 400.00"]);
  });

  test("editing goes against the version shown: 409 keeps the input; config rules cannot be edited", async () => {
    const rule = await create("Editable rule", {
      condition: { type: "new_listening_port", ignorePorts: [22, 80], udp: true },
    });
    const form = await page("manager", `/soc/rules/${rule.id}/edit`);
    expectContains(form, ['value="22, 80"', 'name="version" value="1"']);
    const fields = ruleForm({
      name: "Edited rule",
      type: "new_listening_port",
      ignorePorts: "22",
      version: "1",
    });
    await withStatus(postForm(t, "manager", `/soc/rules/${rule.id}/edit`, fields), 303);
    const html = await textWithStatus(
      postForm(t, "manager", `/soc/rules/${rule.id}/edit`, {
        ...fields,
        name: "Late edit",
      }),
      409,
    );
    expectContains(html, ['value="Late edit"', "changed by someone else"]);
    expect((await t.as("manager", "/soc/rules/default-cpu/edit")).status).toBe(409);
    expect((await t.as("viewer", `/soc/rules/${rule.id}/edit`)).status).toBe(403);
  });

  test("the host scope: chosen on the form, stored, shown again on edit; an empty host list is refused", async () => {
    const ok = await withStatus(
      postForm(
        t,
        "manager",
        "/soc/rules",
        ruleForm({ name: "Web hosts load", hostScope: "tag", hostTarget: "web" }),
      ),
      303,
    );
    expect(ok.headers.get("Location")).toBe("/soc/rules?notice=created");
    const { items: rules } = (await (await t.as("manager", "/api/v1/soc/rules")).json()) as {
      items: { id: string; name: string; hosts: unknown }[];
    };
    const rule = rules.find((r) => r.name === "Web hosts load");
    expect(rule?.hosts).toEqual({ tag: "web" });
    expect(rules.find((r) => r.id === "default-cpu")?.hosts).toBe("local");
    expect(await page("manager", "/soc/rules")).toContain("Load (1 min) &gt; 400.00 · Hosts tagged: web");
    const form = await page("manager", `/soc/rules/${rule?.id}/edit`);
    expectContains(form, ['name="hostTarget"', 'value="web"', '<option value="tag" selected']);
    await textWithStatus(
      postForm(t, "manager", "/soc/rules", ruleForm({ hostScope: "ids", hostTarget: " " })),
      422,
    );
  });

  test("deleting a stored rule from the list", async () => {
    const rule = await create("Doomed rule");
    const res = await withStatus(postForm(t, "manager", `/soc/rules/${rule.id}/delete`, {}), 303);
    expect(res.headers.get("Location")).toBe("/soc/rules?notice=deleted");
    expect(await page("manager", "/soc/rules")).not.toContain("Doomed rule");
    expect((await postForm(t, "analyst", `/soc/rules/${rule.id}/delete`, {})).status).toBe(403);
  });
});
