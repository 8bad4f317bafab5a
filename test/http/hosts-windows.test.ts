/**
 * An agent host's windows on the hub, with real WebSocket clients speaking the agent
 * protocol: looking at the page asks a protocol-3 agent for its windows (never a protocol-2
 * one, which the page says to upgrade); the list it sends shows live, "no desktop" as such;
 * admins get the actions only when the agent allows `windows`, and a refusal shows on the
 * page as the process panel shows one.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { windowReport } from "../../src/modules/hosts/agent-reports.ts";
import { MAX_MESSAGE_BYTES, windowsSchema } from "../../src/modules/hosts/protocol.ts";
import { answerAction, type Message, rawAgent, startHub, type TestHub } from "../helpers/agent-client.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { windowsMessage } from "../helpers/simulated-agent.ts";
import { postForm } from "../pages/helpers.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const XTERM = {
  id: "0x00400007",
  title: "build — make -j4",
  pid: 4242,
  class: "xterm.XTerm",
  desktop: 0,
  geometry: { x: 1, y: 20, width: 484, height: 316 },
  state: [],
};

const watches = (messages: Message[]) => messages.filter((m) => m.type === "watch");

describe("an agent host's windows page", () => {
  test("a protocol-2 agent is never asked; the page and the API say to upgrade it", async () => {
    const { agent, hostId } = await rawAgent(hub, 2);
    const page = await textWithStatus(hub.t.as("viewer", `/hosts/${hostId}/windows`), 200);
    expectContains(page, ['data-testid="host-windows-waiting"', "too old to send its windows"]);
    const api = await (await hub.t.as("viewer", `/api/v1/hosts/${hostId}/windows`)).json();
    expect(api).toMatchObject({ agent: "outdated", at: null, windows: [] });
    await Bun.sleep(100);
    expect(watches(agent.messages)).toEqual([]);
    agent.socket.close();
  });

  test("looking asks the agent; its list shows live with the actions for admins only", async () => {
    const { agent, hostId } = await rawAgent(hub, 3, ["windows"]);
    const first = await textWithStatus(hub.t.as("viewer", `/hosts/${hostId}/windows`), 200);
    expectContains(first, [
      'aria-current="true">Windows</a>',
      `hx-get="/hosts/${hostId}/windows/live"`,
      "Waiting for the agent&#39;s window list",
    ]);
    expect(await agent.message("watch")).toEqual({ type: "watch", windows: true });

    agent.send(windowsMessage([XTERM]));
    const live = async (role: "viewer" | "admin") =>
      textWithStatus(hub.t.as(role, `/hosts/${hostId}/windows/live`), 200);
    let rows = await live("viewer");
    for (let i = 0; i < 50 && !rows.includes(XTERM.title); i++) {
      await Bun.sleep(20);
      rows = await live("viewer");
    }
    expectContains(rows, [
      XTERM.title,
      "0x00400007 · xterm.XTerm",
      "1 window on display :0",
      `href="/hosts/${hostId}/processes?pid=4242"`,
    ]);
    expect(rows).not.toContain("/close");
    expectContains(await live("admin"), [
      `action="/hosts/${hostId}/windows/0x00400007/focus"`,
      `action="/hosts/${hostId}/windows/0x00400007/minimize"`,
      `href="/hosts/${hostId}/windows?close=0x00400007"`,
    ]);
    // A second look does not ask again; the agent was asked once.
    await hub.t.as("viewer", `/api/v1/hosts/${hostId}/windows`);
    expect(watches(agent.messages)).toHaveLength(1);
    const api = await (await hub.t.as("viewer", `/api/v1/hosts/${hostId}/windows`)).json();
    expect(api).toMatchObject({ agent: "ready", available: true, display: ":0", windows: [XTERM] });

    // The close confirmation without JavaScript.
    const confirm = await textWithStatus(hub.t.as("admin", `/hosts/${hostId}/windows?close=0x00400007`), 200);
    expectContains(confirm, ["Close the window “build — make -j4”?", "open"]);

    // The agent refuses: the page says why, with its status; then it closes the window.
    const refusing = answerAction(agent, {
      ok: false,
      error: { status: 404, code: "not_found", message: "No window 0x00400007 on this desktop." },
    });
    const refused = await textWithStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/windows/0x00400007/close`, {}),
      404,
    );
    expect((await refusing).params).toEqual({ window: "0x00400007", action: "close" });
    expectContains(refused, [
      'data-testid="window-error"',
      "The agent answered: No window 0x00400007 on this desktop.",
    ]);
    const closing = answerAction(agent, {
      ok: true,
      result: { window: "0x00400007", action: "close", title: XTERM.title },
    });
    const done = await withStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/windows/0x400007/close`, {}),
      303,
    );
    await closing;
    const location = done.headers.get("Location") ?? "";
    expect(location).toBe(`/hosts/${hostId}/windows?done=close&id=0x00400007`);
    expectContains(await textWithStatus(hub.t.as("admin", location), 200), [
      'data-testid="window-done"',
      "Asked window 0x00400007 to close.",
    ]);

    // Viewers cannot act; an id that is no window id is 404.
    await withStatus(postForm(hub.t, "viewer", `/hosts/${hostId}/windows/0x00400007/focus`, {}), 403);
    await withStatus(postForm(hub.t, "admin", `/hosts/${hostId}/windows/xterm/focus`, {}), 404);

    // Gone: the page says the agent is offline.
    agent.socket.close();
    await agent.closed();
    for (let i = 0; i < 50 && hub.t.hosts.windowsAgent(hostId) !== "offline"; i++) await Bun.sleep(20);
    expect(await live("viewer")).toContain("is not connected");
  });

  test("no desktop on the agent's host is said as such; no actions when the agent does not allow them", async () => {
    const { agent, hostId } = await rawAgent(hub, 3, ["signals"]);
    await hub.t.as("admin", `/hosts/${hostId}/windows`);
    await agent.message("watch");
    agent.send({ ...windowsMessage([]), available: false, reason: "no desktop session", display: null });
    let page = "";
    for (let i = 0; i < 50 && !page.includes("windows-unavailable"); i++) {
      await Bun.sleep(20);
      page = await textWithStatus(hub.t.as("admin", `/hosts/${hostId}/windows`), 200);
    }
    expectContains(page, [
      "No desktop session.",
      "The agent was started without a DISPLAY",
      "No desktop to show",
      "The desktop&#39;s windows, as the agent sends them while this page is open.",
    ]);
    agent.send(windowsMessage([XTERM]));
    for (let i = 0; i < 50 && !page.includes(XTERM.title); i++) {
      await Bun.sleep(20);
      page = await textWithStatus(hub.t.as("admin", `/hosts/${hostId}/windows`), 200);
    }
    expect(page).not.toContain("/windows/0x00400007/");
    // The hub refuses before asking the agent.
    const refused = await textWithStatus(
      postForm(hub.t, "admin", `/hosts/${hostId}/windows/0x00400007/minimize`, {}),
      403,
    );
    expect(refused).toContain("does not allow windows");
    expect(agent.messages.filter((m) => m.type === "action")).toEqual([]);
    agent.socket.close();
  });

  test("the local host's windows are its own page; unknown hosts are 404", async () => {
    const local = await hub.t.as("viewer", "/hosts/local/windows");
    expect(local.status).toBe(302);
    expect(local.headers.get("Location")).toBe("/windows");
    expect((await hub.t.as("viewer", "/api/v1/hosts/local/windows")).status).toBe(404);
    expect((await hub.t.as("viewer", "/api/v1/hosts/nope/windows")).status).toBe(404);
    expect((await hub.t.as("viewer", "/hosts/nope/windows")).status).toBe(404);
  });
});

describe("the agent's windows message", () => {
  test("long lists and titles are cut to fit one message", () => {
    const windows = Array.from({ length: 400 }, (_, i) => ({
      ...XTERM,
      id: `0x${i.toString(16).padStart(8, "0")}`,
      title: "t".repeat(500),
      state: ["hidden"],
    }));
    const report = windowReport({ available: true, reason: null, missing: [], display: ":0", windows });
    const message = { type: "windows", at: Date.now(), ...report };
    expect(windowsSchema.safeParse(message).success).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(message))).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(report.windows.length).toBeGreaterThan(100);
    expect(report.windows[0]?.title).toHaveLength(200);
  });
});
