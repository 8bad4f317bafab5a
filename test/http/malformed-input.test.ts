/**
 * Input a client controls never makes a 500: a malformed percent-encoding in the address
 * is a 400 (assets, pages and API alike), and names that every JavaScript object inherits
 * (`__proto__`, `constructor`, `toString`) are unknown values — a 422 or the page's own
 * "not valid" — wherever a query or body value picks an entry by name.
 */
import { describe, expect, test } from "bun:test";
import { jsonInit, useTestApp } from "../helpers/app.ts";

const t = useTestApp();

describe("a malformed percent-encoding in the address", () => {
  test("is a 400 with a problem saying so, for assets, pages and the API", async () => {
    const paths = [
      "/static/%",
      "/static/%E0%A4%A",
      "/static/css/%ZZ.css",
      "/incidents/%E0%A4%A",
      "/soc/%",
      "/api/v1/incidents/%E0%A4%A",
      "/api/v1/soc/alerts/%C0",
    ];
    const statuses = await Promise.all(paths.map(async (path) => [path, (await t.as("admin", path)).status]));
    expect(statuses).toEqual(paths.map((path) => [path, 400]));
    const problem = await (await t.as("admin", "/api/v1/incidents/%E0%A4%A")).json();
    expect(problem).toMatchObject({
      status: 400,
      detail: expect.stringContaining("malformed percent-encoding"),
    });
  });

  test("a well-formed encoding still finds the asset", async () => {
    expect((await t.app.request("/static/css/app%2Ecss")).status).toBe(200);
  });
});

describe("names every object inherits are unknown values", () => {
  const INHERITED = ["__proto__", "constructor", "toString", "hasOwnProperty"];

  test("as a metrics series: 422 naming the series", async () => {
    for (const name of INHERITED) {
      const res = await t.as("viewer", `/api/v1/metrics/history?series=${name}&from=${Date.now() - 60_000}`);
      expect([name, res.status]).toEqual([name, 422]);
      expect((await res.json()).errors).toEqual([
        { field: "series", message: expect.stringContaining(`Unknown series ${name};`) },
      ]);
    }
  });

  test("as a scan's ports: 422, nothing queued", async () => {
    for (const ports of INHERITED) {
      const res = await t.as("admin", "/api/v1/scans", jsonInit({ target: "127.0.0.1", ports }));
      expect([ports, res.status]).toEqual([ports, 422]);
    }
    expect((await (await t.as("admin", "/api/v1/scans")).json()).total).toBe(0);
  });

  test("as a list's sort, on the API (422) and on the page (shown as not valid, 200)", async () => {
    for (const sort of INHERITED) {
      expect((await t.as("viewer", `/api/v1/incidents?sort=${sort}`)).status).toBe(422);
      expect((await t.as("viewer", `/api/v1/soc/alerts?sort=${sort}`)).status).toBe(422);
      for (const page of ["/incidents", "/soc", "/vulnerabilities"]) {
        const res = await t.as("viewer", `${page}?sort=${sort}`);
        expect([page, sort, res.status]).toEqual([page, sort, 200]);
      }
    }
  });
});

describe("a NUL character in text (the database would keep only what comes before it)", () => {
  test("in a JSON field, nested or not, or a query parameter: 422 naming it, nothing stored", async () => {
    const body = (await (
      await t.as("analyst", "/api/v1/incidents", jsonInit({ title: "abc\u0000def", severity: "low" }))
    ).json()) as { status: number; errors: { field: string; message: string }[] };
    expect(body.status).toBe(422);
    expect(body.errors).toEqual([{ field: "title", message: "Text cannot contain a NUL character." }]);
    const nested = await t.as(
      "analyst",
      "/api/v1/soc/alerts",
      jsonInit({ title: "ok", severity: "low", context: { note: ["x", "y\u0000z"] } }),
    );
    expect((await nested.json()).errors).toEqual([
      { field: "context.note.1", message: "Text cannot contain a NUL character." },
    ]);
    expect((await t.as("viewer", "/api/v1/incidents?q=abc%00def")).status).toBe(422);
    const list = (await (await t.as("viewer", "/api/v1/incidents?q=abc")).json()) as { total: number };
    expect(list.total).toBe(0);
  });

  test("a body nested deeper than the call stack goes is looked through too: a 422, not a 500", async () => {
    const deep = `{"name": ${"[".repeat(60_000)}"x"${"]".repeat(60_000)}, "url": "http://127.0.0.1:9/x"}`;
    const res = await t.as("admin", "/api/v1/integrations/webhooks", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: deep,
    });
    expect(res.status).toBe(422);
  });

  test("in a page's form field: 422, nothing stored", async () => {
    const res = await t.as("analyst", "/incidents", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://localhost" },
      body: "title=abc%00def&severity=low",
    });
    expect(res.status).toBe(422);
    expect(await res.text()).toContain("Text cannot contain a NUL character.");
    const list = (await (await t.as("viewer", "/api/v1/incidents?q=abc")).json()) as { total: number };
    expect(list.total).toBe(0);
  });
});

describe("a number read from the address", () => {
  test("missing or not a number: 422 saying which, not zod's 'received NaN'", async () => {
    const missing = await t.as("viewer", "/api/v1/metrics/history?series=cpu");
    expect(missing.status).toBe(422);
    expect((await missing.json()).errors).toEqual([{ field: "from", message: "Required: give a number." }]);
    const text = await t.as("viewer", "/api/v1/metrics/history?series=cpu&from=yesterday");
    expect((await text.json()).errors).toEqual([
      { field: "from", message: 'Expected a number, got "yesterday".' },
    ]);
    const pid = await t.as("admin", "/api/v1/processes/abc/signal", jsonInit({ signal: "TERM" }));
    expect(pid.status).toBe(422);
    expect((await pid.json()).errors).toEqual([{ field: "pid", message: 'Expected a number, got "abc".' }]);
  });
});
