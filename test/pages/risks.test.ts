/**
 * The risk pages: the register with its heat maps (full and partial; each cell a link to its
 * risks; a table with captions), the form (field errors beside the fields, values kept; 409
 * when someone else was first), a risk's page (levels, appetite, links, acceptance panel for
 * who may act, status moves, the likelihood suggestion and applying it), the acceptance forms,
 * delete, and the trend page.
 */

import { beforeAll, describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { textWithStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { formInit, HTMX_PARTIAL, mainOf, partialOf } from "./helpers.ts";

let asset: { id: string };
const t = useTestApp();
beforeAll(async () => {
  asset = await (
    await t.as("admin", "/api/v1/cmdb/assets", jsonInit({ name: "Risk page host", assetType: "server" }))
  ).json();
});

async function record(title: string, fields: Record<string, unknown> = {}) {
  const risk = await createdAs(t, "analyst", "/api/v1/risks", {
    title,
    owner: t.users.analyst.id,
    category: "operational",
    inherentLikelihood: 5,
    inherentImpact: 4,
    ...fields,
  });
  return risk as { id: string; version: number };
}

const form = (fields: Record<string, string>) => ({
  title: "",
  owner: "",
  category: "",
  inherentLikelihood: "",
  inherentImpact: "",
  currentLikelihood: "",
  currentImpact: "",
  residualLikelihood: "",
  residualImpact: "",
  treatment: "",
  treatmentPlan: "",
  treatmentDueAt: "",
  nextReviewAt: "",
  description: "",
  techniques: "",
  ...fields,
});

describe("/risks", () => {
  test("the register: heat maps as captioned tables with linked cells, rows with levels and the appetite mark; full and partial", async () => {
    await record("Page list critical");
    const html = await textWithStatus(t.as("viewer", "/risks"), 200);
    expect(html).toContain("<title>Risks · Warden</title>");
    expect(html).toContain("<caption>Current risk</caption>");
    expect(html).toContain("<caption>Target (residual) risk</caption>");
    expect(html).toMatch(/data-testid="cell-current-5-4"[^>]*>/);
    expect(html).toContain('href="/risks?likelihood=5&amp;impact=4&amp;open=true"');
    expect(html).toContain('href="/risks?likelihood=5&amp;impact=4&amp;open=true&amp;scoreOf=residual"');
    expect(html).toContain("Page list critical");
    expect(html).toContain('class="badge risk-level risk-c-red">Critical</span>');
    expect(html).toContain('data-testid="above-appetite"');
    expect(html).not.toContain('data-testid="new-risk"');
    expect(await partialOf(t, "viewer", "/risks", "Risks")).toContain("<caption>Current risk</caption>");
    expect(mainOf(html)).toContain("Page list critical");
    const cell = await (await t.as("viewer", "/risks?likelihood=5&impact=4&open=true")).text();
    expect(cell).toContain('data-testid="cell-filter"');
    const rows = await t.as("viewer", "/risks/rows?aboveAppetite=true", { headers: HTMX_PARTIAL });
    expect(rows.status).toBe(200);
    expect(await rows.text()).toContain("Page list critical");
    expect(await (await t.as("analyst", "/risks")).text()).toContain('data-testid="new-risk"');
  });

  test("the form: errors beside each field, values kept; then created with its links; edit and a stale edit", async () => {
    const newForm = await (await t.as("analyst", "/risks/new")).text();
    expect(newForm).toContain('name="inherentLikelihood"');
    expect(newForm).toContain("5 · Almost certain");
    expect(newForm).not.toContain('<option value="accept"');
    expect((await t.as("viewer", "/risks/new")).status).toBe(403);

    const bad = await t.as(
      "analyst",
      "/risks",
      formInit(form({ title: "Kept title", treatmentDueAt: "2026-02-31" })),
    );
    expect(bad.status).toBe(422);
    const page = await bad.text();
    expect(page).toContain('value="Kept title"');
    for (const field of ["owner", "category", "inherentLikelihood", "inherentImpact", "treatmentDueAt"])
      expect(page).toContain(`id="field-${field}-error"`);
    expect(page).toContain('aria-invalid="true"');

    const created = await t.as(
      "analyst",
      "/risks",
      formInit(
        form({
          title: "Form risk",
          owner: t.users.manager.id,
          category: "technical",
          inherentLikelihood: "3",
          inherentImpact: "3",
          residualLikelihood: "1",
          residualImpact: "1",
          treatment: "mitigate",
          nextReviewAt: "2030-01-15",
          assetIds: asset.id,
        }),
      ),
    );
    expect(created.status).toBe(303);
    const location = created.headers.get("Location") ?? "";
    expect(location).toMatch(/^\/risks\/[\w-]+\?notice=created$/);
    const id = location.split("/")[2]?.split("?")[0] as string;
    const risk = await (await t.as("viewer", `/api/v1/risks/${id}`)).json();
    expect(risk).toMatchObject({
      owner: { id: t.users.manager.id },
      residualLikelihood: 1,
      currentLikelihood: 3,
      treatment: "mitigate",
    });
    expect(risk.links.asset).toEqual([{ id: asset.id, name: "Risk page host" }]);

    const edit = await (await t.as("analyst", `/risks/${id}/edit`)).text();
    expect(edit).toContain('value="2030-01-15"');
    expect(edit).toMatch(/<option value="3" selected[^>]*>3 · Possible<\/option>/);
    const values = form({
      title: "Form risk renamed",
      owner: t.users.manager.id,
      category: "technical",
      inherentLikelihood: "3",
      inherentImpact: "3",
      currentLikelihood: "3",
      currentImpact: "3",
      residualLikelihood: "1",
      residualImpact: "1",
      treatment: "mitigate",
      version: "1",
    });
    expect((await t.as("analyst", `/risks/${id}/edit`, formInit(values))).status).toBe(303);
    const stale = await t.as("analyst", `/risks/${id}/edit`, formInit({ ...values, title: "Late" }));
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('value="Late"');
    const outside = await t.as(
      "analyst",
      `/risks/${id}/edit`,
      formInit({ ...values, version: "2", residualImpact: "9" }),
    );
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('id="field-residualImpact-error"');
  });

  test("a risk's page: scores with levels, links, acceptance request, approve for managers only, status moves", async () => {
    const risk = await record("Detail risk", { assetIds: [asset.id], techniques: [] });
    const shown = async (role: Role) => (await t.as(role, `/risks/${risk.id}`)).text();
    const post = (role: Role, action: string, fields: Record<string, string>) =>
      t.as(role, `/risks/${risk.id}/${action}`, formInit(fields));
    const viewer = await shown("viewer");
    expect(viewer).toContain('data-testid="score-inherent"');
    expect(viewer).toContain("5×4");
    expect(viewer).toContain(`href="/cmdb/${asset.id}"`);
    expect(viewer).not.toContain('data-testid="acceptance-form"');
    expect(viewer).not.toContain('data-testid="move-assessed"');
    await partialOf(t, "viewer", `/risks/${risk.id}`, "Detail risk");

    const analyst = await shown("analyst");
    expect(analyst).toContain('data-testid="acceptance-form"');
    expect(analyst).toContain('data-testid="move-assessed"');
    const noReason = await post("analyst", "acceptance", { reason: "", expiresAt: "2020-01-01" });
    expect(noReason.status).toBe(422);
    const refusedPage = await noReason.text();
    expect(refusedPage).toContain('id="field-reason-error"');
    expect(refusedPage).toContain('id="field-expiresAt-error"');
    const next = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const asked = await post("analyst", "acceptance", { reason: "Cheap", expiresAt: next });
    expect(asked.status).toBe(303);
    const own = await shown("analyst");
    expect(own).toContain('data-testid="acceptance-withdraw"');
    expect(own).not.toContain('data-testid="acceptance-approve"');
    const manager = await shown("manager");
    expect(manager).toContain('data-testid="acceptance-approve"');
    expect((await post("analyst", "acceptance/approve", { note: "" })).status).toBe(403);
    const approved = await post("manager", "acceptance/approve", { note: "ok" });
    expect(approved.status).toBe(303);
    const after = await (await t.as("viewer", `/risks/${risk.id}?notice=approved`)).text();
    expect(after).toContain("Acceptance approved.");
    expect(after).toContain('data-testid="acceptance-status">Approved');

    const moved = await post("analyst", "status", { status: "identified", version: "2" });
    expect(moved.status).toBe(409);
    expect(await moved.text()).toContain("can move to");
    expect((await post("admin", "delete", {})).status).toBe(303);
    expect((await t.as("viewer", `/risks/${risk.id}`)).status).toBe(404);
  });
});

describe("/risks/:id likelihood suggestion and /risks/trend", () => {
  test("the suggestion panel with its reasons; applied only by who may edit, against the version shown", async () => {
    const risk = await record("Suggested on page", { inherentLikelihood: 3, inherentImpact: 2 });
    const viewer = await (await t.as("viewer", `/risks/${risk.id}`)).text();
    expect(viewer).toContain('data-testid="risk-suggestion"');
    expect(viewer).toContain("No linked assets or techniques: there is no evidence to weigh.");
    expect(viewer).not.toContain('data-testid="apply-suggestion"');
    const analyst = await (await t.as("analyst", `/risks/${risk.id}`)).text();
    expect(analyst).toContain(`action="/risks/${risk.id}/likelihood"`);
    expect(analyst).toContain('name="likelihood" value="1"');
    expect(analyst).toContain('name="version" value="1"');
    expect(analyst).toContain("Apply: set the current likelihood to 1 · Rare");

    const apply = (role: "viewer" | "analyst", version: string) =>
      t.as(role, `/risks/${risk.id}/likelihood`, formInit({ likelihood: "1", version }));
    expect((await apply("viewer", "1")).status).toBe(403);
    const applied = await apply("analyst", "1");
    expect(applied.status).toBe(303);
    expect(applied.headers.get("Location")).toBe(`/risks/${risk.id}?notice=applied`);
    const after = await (await t.as("viewer", `/api/v1/risks/${risk.id}`)).json();
    expect(after).toMatchObject({ currentLikelihood: 1, currentImpact: 2, version: 2 });
    const page = await (await t.as("analyst", `/risks/${risk.id}?notice=applied`)).text();
    expect(page).toContain("Current likelihood set to the suggestion.");
    expect(page).toContain('data-testid="suggestion-same"');

    const stale = await apply("analyst", "1");
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("The risk was changed by someone else (now version 2, you sent 1)");
  });

  test("the trend page: period links, the empty state, and the link from the register", async () => {
    expect(await (await t.as("viewer", "/risks")).text()).toContain('href="/risks/trend"');
    const html = await textWithStatus(t.as("viewer", "/risks/trend?period=quarter"), 200);
    expect(html).toContain("<title>Risk trend · Warden</title>");
    expect(html).toContain('href="/risks/trend?period=quarter" aria-current="true"');
    expect(html).toContain('href="/risks/trend?period=year"');
    expect(html).toContain('data-testid="risk-trend-empty"');
    // A bad period falls back to the default rather than failing the page.
    expect((await t.as("viewer", "/risks/trend?period=week")).status).toBe(200);
  });
});
