/**
 * The audit log page (/audit): admin only; filters kept in the URL, changes shown as
 * before → after, pagination that keeps the filters.
 */
import { describe, expect } from "bun:test";
import { systemActor } from "../../src/kit/actor.ts";
import { recordAudit } from "../../src/kit/audit.ts";
import { textWithStatus } from "../helpers/answers.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { mainOf, partialOf, postForm } from "./helpers.ts";

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
/** The body rows of the page's table. */
const rowsOf = (html: string) =>
  /<tbody>([\s\S]*)<\/tbody>/.exec(mainOf(html))?.[1]?.match(/<tr>[\s\S]*?<\/tr>/g) ?? [];

describe("access", () => {
  for (const role of ["manager", "analyst", "viewer"] as const)
    appTest(`${role} gets 403`, async (t) => {
      expect(await textWithStatus(t.as(role, "/audit"), 403)).not.toContain('data-testid="audit-table"');
    });
});

describe("GET /audit", () => {
  appTest(
    "lists entries newest first with actor, action, resource, changes, IP and request id",
    async (t) => {
      await postForm(t, "admin", `/users/${t.users.viewer.id}/role`, { role: "analyst" });
      const html = await textWithStatus(t.as("admin", "/audit"), 200);
      expect(html).toContain("<title>Audit log · Warden</title>");
      expect(html).toMatch(/<a href="\/audit" class="nav-link" aria-current="page">/);
      const [newest] = rowsOf(html);
      expectContains(newest, [
        '<td class="mono nowrap">user.update</td>',
        `>admin</a>`,
        `href="/audit?actor=${t.users.admin.id}"`,
        t.users.viewer.id,
      ]);
      expect(newest).toMatch(
        /<dt>role<\/dt><dd><span class="change-before">viewer<\/span>.*<span class="change-after">analyst<\/span>/,
      );
      expect(newest).toMatch(/<time datetime="\d{4}-\d\d-\d\dT[^"]+Z" title="[^"]+Z">/);
      // app.request has no client address; the request id of the change is recorded.
      expect(newest).toContain('<td class="mono nowrap"><span class="muted">—</span></td>');
      expect(newest).toMatch(/<span class="truncate" title="[\w-]{16,}">[\w-]{16,}<\/span>/);
      expect(html).toContain("Entries: 1");
    },
  );

  appTest("partial render: the main region and the navigation out of band", async (t) => {
    const html = await partialOf(t, "admin", "/audit", "Audit log");
    expectContains(html, [
      'data-testid="audit-table-empty"',
      "Nothing has been recorded yet.",
      'hx-swap-oob="true"',
    ]);
  });

  appTest("filters by action, actor and days; the filter bar keeps them; no match says so", async (t) => {
    await postForm(t, "admin", `/users/${t.users.viewer.id}/role`, { role: "analyst" });
    await postForm(t, "admin", "/tokens", { name: "one" });
    await postForm(t, "viewer", "/tokens", { name: "two" });

    const byAction = await (await t.as("admin", "/audit?action=token.create")).text();
    expect(rowsOf(byAction)).toHaveLength(2);
    expect(byAction).toContain('name="action" type="text" class="input" value="token.create"');

    const byActor = await (await t.as("admin", `/audit?actor=${t.users.viewer.id}`)).text();
    expect(rowsOf(byActor)).toHaveLength(1);
    expect(byActor).toContain(`<option value="${t.users.viewer.id}" selected="">viewer</option>`);

    const today = await (
      await t.as("admin", `/audit?from=${day(0)}&to=${day(0)}&resourceType=api_token`)
    ).text();
    expect(rowsOf(today)).toHaveLength(2);
    expect(today).toContain(`value="${day(0)}"`);

    const empty = await textWithStatus(t.as("admin", `/audit?from=${day(1)}`), 200);
    expectContains(empty, [
      "No entries match these filters.",
      '<a class="button is-secondary is-plain" href="/audit">Clear filters</a>',
    ]);
  });

  appTest("a bad date is reported beside its field (422) and left out of the search", async (t) => {
    await postForm(t, "admin", "/tokens", { name: "one" });
    const html = await textWithStatus(t.as("admin", "/audit?from=2024-02-31&action=token.create"), 422);
    expect(html).toContain('<p class="field-error" id="field-from-error">Enter a date as YYYY-MM-DD.</p>');
    expect(rowsOf(html)).toHaveLength(1);
  });

  appTest("pages of 50, newest first; the links keep the filters", async (t) => {
    for (let i = 1; i <= 55; i++) {
      await recordAudit(t.database.db, {
        actor: systemActor("job"),
        action: "test.tick",
        resourceType: "thing",
        resourceId: `thing-${i}`,
      });
    }
    const first = await (await t.as("admin", "/audit?action=test.tick")).text();
    expect(rowsOf(first)).toHaveLength(50);
    expectContains(first, [
      'data-testid="pagination-range">1–50 of 55</p>',
      'href="/audit?action=test.tick&amp;page=2" rel="next"',
    ]);
    expect(rowsOf(first)[0]).toContain("thing-55");

    const second = await (await t.as("admin", "/audit?action=test.tick&page=2")).text();
    expect(rowsOf(second)).toHaveLength(5);
    expectContains(second, ["51–55 of 55", 'href="/audit?action=test.tick" rel="prev"']);
    expect(rowsOf(second).at(-1)).toContain("thing-1");
  });
});
