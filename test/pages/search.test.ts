/**
 * The global search: the header's box on every page and the results page (/search), grouped by
 * kind with the matched words marked, escaped, for any signed-in role; full and partial renders.
 */
import { describe, expect, test } from "bun:test";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { HTMX_PARTIAL, mainOf, signIn } from "./helpers.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

const word = () => `w${Bun.randomUUIDv7().replaceAll("-", "").slice(-12)}`;

describe("/search", () => {
  test("hits grouped by kind, matches marked, each a link to its record", async () => {
    const w = word();
    const incident = await (
      await t.as(
        "analyst",
        "/api/v1/incidents",
        jsonInit({
          title: `Beacon ${w} <script>x</script>`,
          severity: "high",
          description: `seen ${w} twice`,
        }),
      )
    ).json();
    const asset = await (
      await t.as("analyst", "/api/v1/cmdb/assets", jsonInit({ name: `db-${w}`, assetType: "server" }))
    ).json();
    const viewer = await signIn(t, "viewer");
    const res = await viewer.get(`/search?q=${w}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expectContains(html, ["<title>Search · Warden</title>", 'id="global-search"']);
    const main = mainOf(html);
    expectContains(main, [
      'data-kind="incidents"',
      'data-kind="assets"',
      `href="/incidents/${incident.id}"`,
      `href="/cmdb/${asset.id}"`,
      `Beacon <mark>${w}</mark> &#60;script&#62;x&#60;/script&#62;`,
      `seen <mark>${w}</mark> twice`,
      "Results for “",
    ]);
    expect(main).not.toContain("<script>x");
    const partial = await (await viewer.get(`/search?q=${w}`, HTMX_PARTIAL)).text();
    expect(partial).not.toContain("<html");
    expect(partial).toContain(`href="/incidents/${incident.id}"`);
  });

  test("before a search it says how; nothing found says so; a query without a word is a 422 with a message", async () => {
    const viewer = await signIn(t, "viewer");
    const empty = mainOf(await (await viewer.get("/search")).text());
    expect(empty).toContain("Press / or Ctrl-K anywhere to search.");
    const none = mainOf(await (await viewer.get(`/search?q=${word()}`)).text());
    expect(none).toContain("Nothing matches");
    const bad = await viewer.get(`/search?q=${encodeURIComponent("*** ---")}`);
    expect(bad.status).toBe(422);
    expect(mainOf(await bad.text())).toContain("Type at least one word");
  });

  test("every page's header has the search box, which a plain GET form sends to /search", async () => {
    const html = await (await (await signIn(t, "viewer")).get("/incidents")).text();
    expectContains(html, ['action="/search"', 'name="q"', 'aria-keyshortcuts="/ Control+K"']);
  });
});
