/**
 * The scan pages (/network/scans …), admins only: the list with the new-scan form (errors
 * beside their fields, input kept; a target outside the allowlist refused beside the
 * target with 403), a scan page with progress, results, hosts × ports and the diff,
 * cancel, the live fragments, and the schedules page (create, next run, disable, delete).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TCPSocketListener } from "bun";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { type BrowserSession, HTMX_PARTIAL, mainOf, signIn } from "./helpers.ts";

/** Text that is still a message key of the scan pages (a key missing from the catalog). */
const KEY = /(?<![\w/.-])(?:scans|network)\.[a-z]\w*(?:\.[\w-]+)*(?![\w/-])/g;

let t: TestApp;
let admin: BrowserSession;
let open: TCPSocketListener;
beforeAll(async () => {
  t = await createTestApp();
  admin = await signIn(t, "admin");
  open = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
});
afterAll(async () => {
  open.stop(true);
  await t.scans.runner.stop();
  t.close();
});

/** Starts a scan through the page form and follows its redirect to the scan page's id. */
async function startFromPage(fields: Record<string, string>): Promise<string> {
  const res = await withStatus(admin.post("/network/scans", fields), 303);
  const location = res.headers.get("Location") ?? "";
  expect(location).toMatch(/^\/network\/scans\/[\w-]+$/);
  return location.split("/").at(-1) as string;
}

describe("who may see the scan pages", () => {
  test("admins get every page (full and partial); other roles 403", async () => {
    for (const path of ["/network/scans", "/network/scans/schedules"]) {
      const html = await textWithStatus(admin.get(path), 200);
      expect(html.match(KEY) ?? []).toEqual([]);
      expect(html).toContain('aria-current="page"');
      const partial = await admin.get(path, HTMX_PARTIAL);
      expect(await partial.text()).not.toContain("<html");
      for (const role of ["viewer", "analyst", "manager"] as const)
        expect((await t.as(role, path)).status, `${role} ${path}`).toBe(403);
    }
  });

  test("the Network page links to scans for admins only", async () => {
    expect(await (await admin.get("/network")).text()).toContain('href="/network/scans"');
    const viewerMain = mainOf(await (await t.as("viewer", "/network")).text());
    expect(viewerMain).not.toContain('href="/network/scans"');
  });
});

describe("the new-scan form", () => {
  test("bad input: 422, the message beside each field, the input kept", async () => {
    const html = await textWithStatus(
      admin.post("/network/scans", {
        target: "127.0.0.0/8",
        ports: "22,99999",
        concurrency: "0",
        connectTimeoutMs: "",
      }),
      422,
    );
    expectContains(html, [
      'id="field-target-error"',
      "IPv4 ranges go up to /16",
      'id="field-ports-error"',
      'id="field-concurrency-error"',
      'value="22,99999"',
      'value="127.0.0.0/8"',
    ]);
    expect(html).not.toContain('id="field-connectTimeoutMs-error"');
  });

  test("a target outside scanner.allowedTargets: 403, said beside the target", async () => {
    const html = await textWithStatus(
      admin.post("/network/scans", { target: "192.0.2.10", ports: "80" }),
      403,
    );
    expectContains(html, ['id="field-target-error"', "scanner.allowedTargets", 'value="192.0.2.10"']);
  });

  test("a scan started from the form: its page shows the results, the matrix and the baseline note", async () => {
    const id = await startFromPage({ target: "127.0.0.1", ports: `${open.port}`, hostDiscovery: "on" });
    await t.scans.runner.idle();
    const html = await textWithStatus(admin.get(`/network/scans/${id}`), 200);
    expect(html.match(KEY) ?? []).toEqual([]);
    expectContains(html, [
      "Completed",
      'data-testid="scan-percent">100.0 %',
      `data-testid="port-${open.port}"`,
      'data-testid="port-matrix"',
      "The first completed scan of this target",
    ]);
    expect(html).not.toContain('data-testid="cancel-scan"');
    expect(await (await admin.get("/network/scans")).text()).toContain(`data-testid="scan-${id}"`);
  });

  test("the live fragments answer htmx only; a second scan shows the diff", async () => {
    const id = await startFromPage({ target: "127.0.0.1", ports: `${open.port},1` });
    await t.scans.runner.idle();
    const live = await withStatus(admin.get(`/network/scans/${id}/live`, { "HX-Request": "true" }), 200);
    const fragment = await live.text();
    expect(fragment).not.toContain("<main");
    expectContains(fragment, ['data-testid="diff-open"', "Newly open"]);
    expect((await admin.get(`/network/scans/${id}/live`)).status).toBe(303);
    const rows = await admin.get("/network/scans/rows", { "HX-Request": "true" });
    expect(await rows.text()).toContain(`data-testid="scan-${id}"`);
  });

  test("cancel from the page stops a running scan; an unknown scan is 404", async () => {
    const id = await startFromPage({ target: "127.0.0.1", ports: "all", concurrency: "1" });
    const running = await (await admin.get(`/network/scans/${id}`)).text();
    expect(running).toContain('data-testid="cancel-scan"');
    await withStatus(admin.post(`/network/scans/${id}/cancel`, {}), 303);
    expect(await (await admin.get(`/network/scans/${id}`)).text()).toContain("Cancelled");
    expect((await admin.get("/network/scans/nope")).status).toBe(404);
    const cancelled = await (await admin.get("/network/scans?status=cancelled")).text();
    expect(cancelled).toContain(`data-testid="scan-${id}"`);
    expect(cancelled.match(/data-testid="scan-[0-9a-f]{8}-/g)).toHaveLength(1);
    const bad = await (await admin.get("/network/scans?status=sideways")).text();
    expect(bad).toContain('id="field-status-error"');
  });
});

describe("the schedules page", () => {
  test("create (bad cron kept with its error), next run shown, disable, delete", async () => {
    const nightly = { name: "Nightly", target: "127.0.0.1", ports: "top100" };
    const badHtml = await textWithStatus(
      admin.post("/network/scans/schedules", { ...nightly, cron: "at three" }),
      422,
    );
    expectContains(badHtml, ['id="field-cron-error"', 'value="at three"']);

    await withStatus(
      admin.post("/network/scans/schedules", { ...nightly, cron: "0 3 * * *", hostDiscovery: "on" }),
      303,
    );
    const list = await (await admin.get("/network/scans/schedules")).text();
    expect(list.match(KEY) ?? []).toEqual([]);
    expect(list).toContain('data-testid="schedule-Nightly"');
    expect(list).toMatch(/data-testid="schedule-next"><time datetime=/);

    const [schedule] = (await (await t.as("admin", "/api/v1/scan-schedules")).json()).items;
    expect((await admin.post(`/network/scans/schedules/${schedule.id}/toggle`, {})).status).toBe(303);
    const disabled = await (await admin.get("/network/scans/schedules")).text();
    expect(disabled).toMatch(/data-testid="schedule-next"><span class="badge">Disabled/);
    const after = await (await t.as("admin", `/api/v1/scan-schedules/${schedule.id}`)).json();
    expect(after).toMatchObject({ enabled: false, nextRunAt: null, cron: "0 3 * * *", ports: "top100" });

    expect((await admin.post(`/network/scans/schedules/${schedule.id}/delete`, {})).status).toBe(303);
    expect(await (await admin.get("/network/scans/schedules")).text()).toContain("No schedules.");
  });
});
