/**
 * The record list pages page by cursor: Next and Previous carry the cursor, the filters and
 * the number shown ("Page 2 of 3", "4–6 of 7"), the first page link none; the pages stay
 * where they were when newer records are opened between clicks; the live rows keep the
 * cursor in the address they give.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { createdAs, useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { mainOf } from "./helpers.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

const stamp = `Paged${Date.now()}`;
let opened = 0;
async function open(): Promise<void> {
  const title = `${stamp} ${String(opened++).padStart(2, "0")}`;
  await createdAs(t, "analyst", "/api/v1/incidents", { title, severity: "low" });
}

/** The page at `href`: its HTML, the titles of its rows, and the link by `rel` (decoded), if any. */
async function visit(href: string) {
  const res = await t.as("viewer", href);
  expect(res.status).toBe(200);
  const html = mainOf(await res.text());
  const titles = [...html.matchAll(new RegExp(`${stamp} (\\d\\d)`, "g"))].map((m) => m[1]);
  const link = (rel: string) =>
    new RegExp(`href="([^"]*)" rel="${rel}"`).exec(html)?.[1]?.replaceAll("&amp;", "&") ?? null;
  return { html, titles: [...new Set(titles)], link };
}

describe("a record list page by cursor", () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) await open();
  });

  test("Next and Previous walk the pages with the filters and the page number shown", async () => {
    const first = await visit(`/incidents?q=${stamp}&pageSize=3`);
    expect(first.titles).toEqual(["06", "05", "04"]);
    expectContains(first.html, ["1–3 of 7", "Page 1 of 3"]);
    expect(first.link("prev")).toBeNull();
    expect(first.link("first")).toBeNull();
    const next = first.link("next") ?? "";
    const params = new URL(next, "http://x").searchParams;
    expect(params.get("q")).toBe(stamp);
    expect(params.get("pageSize")).toBe("3");
    expect(params.get("n")).toBe("2");
    expect(params.has("cursor")).toBe(true);
    expect(params.has("page")).toBe(false);

    const second = await visit(next);
    expect(second.titles).toEqual(["03", "02", "01"]);
    expectContains(second.html, ["4–6 of 7", "Page 2 of 3"]);
    expect(second.link("first")).toBe(`/incidents?q=${stamp}&pageSize=3`);
    const third = await visit(second.link("next") ?? "");
    expect(third.titles).toEqual(["00"]);
    expectContains(third.html, ["7–7 of 7", "Page 3 of 3"]);
    expect(third.link("next")).toBeNull();

    const back = await visit(third.link("prev") ?? "");
    expect(back.titles).toEqual(second.titles);
    expectContains(back.html, ["Page 2 of 3"]);
    const backToFirst = await visit(back.link("prev") ?? "");
    expect(backToFirst.titles).toEqual(first.titles);
    expectContains(backToFirst.html, ["1–3 of 7", "Page 1 of 3"]);
    expect(backToFirst.link("prev")).toBeNull();
  });

  test("the pages stay where they were when newer incidents are opened between clicks", async () => {
    const first = await visit(`/incidents?q=${stamp}&pageSize=3`);
    const second = await visit(first.link("next") ?? "");
    await open();
    await open();
    // Previous shows the page that was first (the new ones lie before it now), Next the same second page.
    const back = await visit(second.link("prev") ?? "");
    expect(back.titles).toEqual(first.titles);
    expectContains(back.html, ["Page 1 of 3"]);
    expect(back.link("prev")).not.toBeNull();
    expect((await visit(first.link("next") ?? "")).titles).toEqual(second.titles);
    // The first page link starts again from the newest.
    expect((await visit(back.link("first") ?? "")).titles).toEqual(["08", "07", "06"]);
  });

  test("the live rows read the page of the cursor and keep it in the address", async () => {
    const first = await visit(`/incidents?q=${stamp}&pageSize=3`);
    const next = first.link("next") ?? "";
    const res = await t.as("viewer", next.replace("/incidents?", "/incidents/rows?"), {
      headers: { "HX-Request": "true" },
    });
    expect(res.headers.get("HX-Replace-Url")).toBe(next);
    const rows = await res.text();
    const shown = (await visit(next)).titles;
    for (const title of shown) expect(rows).toContain(`${stamp} ${title}`);
    expect(rows).not.toContain(`${stamp} ${first.titles[0]}`);
  });

  test("a sort header and the filter form lead back to the first page", async () => {
    const second = await visit((await visit(`/incidents?q=${stamp}&pageSize=3`)).link("next") ?? "");
    expect(second.html).not.toMatch(/href="[^"]*sort=title[^"]*cursor=/);
    expect(second.html).not.toMatch(/<input[^>]*name="cursor"/);
  });
});
