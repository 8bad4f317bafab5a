/**
 * The processes, network and windows pages: full and partial renders, the live-refresh
 * fragments, the details panel, signals from the page (admins only, refusals shown in the
 * panel), and the windows page without a desktop session.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { useTestApp } from "../helpers/app.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { useChildren } from "../helpers/sleep-process.ts";
import { partialOf, postForm } from "./helpers.ts";

const t = useTestApp({
  monitor: { processIntervalMs: 500 },
  desktop: { display: null, xauthority: null },
});
const children = useChildren();
const HTMX = { "HX-Request": "true" };
beforeAll(() => t.metrics.start());

describe("/processes", () => {
  test("full page: title, filters, sortable headers, rows that refresh themselves", async () => {
    const html = await textWithStatus(t.as("viewer", "/processes?sort=pid"), 200);
    expectContains(html, [
      "<title>Processes · Warden</title>",
      'id="process-filters"',
      'aria-sort="ascending"',
      'href="/processes?sort=-pid"',
      `id="process-${process.pid}"`,
      'hx-get="/processes/rows"',
      'data-live-pause="#process-table"',
    ]);
    // Viewers see no signal buttons anywhere.
    expect(html).not.toContain("Terminate");
  });

  test("partial render is the main region only", async () => {
    await partialOf(t, "viewer", "/processes", "Processes");
  });

  test("bad filters are named beside their field and the list still shows", async () => {
    const html = await textWithStatus(t.as("viewer", "/processes?sort=evil&state=flying&q=bun"), 200);
    expectContains(html, ['aria-invalid="true"', "Choose a state: running, sleeping", 'value="bun"']);
  });

  test("the rows fragment follows the filters and puts them in the address bar", async () => {
    const { proc, marker } = await children.sleep();
    let html = "";
    for (let i = 0; i < 30 && !html.includes(`process-${proc.pid}`); i++) {
      const res = await t.as("viewer", `/processes/rows?q=${marker}`, { headers: HTMX });
      expect(res.headers.get("HX-Replace-Url")).toBe(`/processes?q=${marker}`);
      html = await res.text();
      if (!html.includes(`process-${proc.pid}`)) await Bun.sleep(200);
    }
    expect(html).toContain(`id="process-${proc.pid}"`);
    expect(html).not.toContain("<main");
    expect(html).toContain('id="process-count" class="page-sub num" hx-swap-oob="true"');
    // Without htmx it is the page.
    const plain = await withStatus(t.as("viewer", `/processes/rows?q=${marker}`), 303);
    expect(plain.headers.get("Location")).toBe(`/processes?q=${marker}`);
  });

  test("details panel: fragment for htmx, open in the full page with ?pid; admins get the signals", async () => {
    const { proc, marker } = await children.sleep();
    const panel = await (
      await t.as("viewer", `/processes/${proc.pid}/panel?q=${marker}`, { headers: HTMX })
    ).text();
    expectContains(panel, ['data-testid="process-panel"', `sleep ${marker}`]);
    expect(panel).not.toContain("Terminate");
    const admin = await (await t.as("admin", `/processes?pid=${proc.pid}&confirm=KILL`)).text();
    expectContains(admin, ["Terminate", `Send SIGKILL to sleep (pid ${proc.pid})?`]);
    expect(admin).toMatch(/<dialog[^>]*id="signal-KILL"[^>]*open/);
    expect(admin).toContain("Environment (");
  });

  test("an admin kills from the page: redirected with a notice; the process is gone", async () => {
    const { proc, marker } = await children.sleep();
    const res = await withStatus(
      postForm(t, "admin", `/processes/${proc.pid}/signal?q=${marker}`, { signal: "KILL" }),
      303,
    );
    expect(res.headers.get("Location")).toBe(`/processes?q=${marker}&sent=KILL&target=${proc.pid}`);
    await proc.exited;
    expect(proc.signalCode).toBe("SIGKILL");
    const after = await (await t.as("admin", res.headers.get("Location") ?? "")).text();
    expect(after).toContain(`Sent SIGKILL to pid ${proc.pid}.`);
  });

  test("refusals: viewers get 403; pid 1 is refused in the panel; a bad signal is 422", async () => {
    const { proc } = await children.sleep();
    expect((await postForm(t, "viewer", `/processes/${proc.pid}/signal`, { signal: "KILL" })).status).toBe(
      403,
    );
    expect(
      await textWithStatus(postForm(t, "admin", "/processes/1/signal", { signal: "TERM" }), 403),
    ).toContain("pid 1 (the init process) is never signalled");
    expect(
      await textWithStatus(postForm(t, "admin", `/processes/${proc.pid}/signal`, { signal: "SEGV" }), 422),
    ).toContain("Choose a signal to send.");
    expect(proc.exitCode).toBeNull();
  });
});

describe("/network", () => {
  test("lists a listening socket with its process; filters; rows fragment", async () => {
    const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const html = await (await t.as("viewer", `/network?state=listening&q=${server.port}`)).text();
      expectContains(html, [
        "<title>Network · Warden</title>",
        `127.0.0.1:${server.port}`,
        `/processes?pid=${process.pid}`,
      ]);
      const rows = await t.as("viewer", `/network/rows?state=established&q=${server.port}`, {
        headers: HTMX,
      });
      expect(rows.headers.get("HX-Replace-Url")).toBe(`/network?q=${server.port}&state=established`);
      expect(await rows.text()).toContain("No socket matches these filters.");
    } finally {
      server.stop(true);
    }
  });
});

describe("/windows", () => {
  test("without a desktop session the page says so plainly", async () => {
    const html = await textWithStatus(t.as("viewer", "/windows"), 200);
    expectContains(html, ['data-testid="windows-unavailable"', "No desktop session.", "desktop.display"]);
  });

  test("actions: viewers 403; an admin without a session gets the reason on the page (409)", async () => {
    expect((await postForm(t, "viewer", "/windows/0x00400007/close", {})).status).toBe(403);
    expect(await textWithStatus(postForm(t, "admin", "/windows/0x00400007/close", {}), 409)).toContain(
      "The desktop is not available: no desktop session.",
    );
  });
});
