/**
 * The hub's side of remote actions, with real WebSocket clients speaking the agent protocol:
 * an agent of protocol 2 keeps working and is never sent an action (the API says to upgrade
 * it); a protocol-3 agent gets exactly the request, and its refusal, a wrong answer, silence
 * and a close each give the caller a clear error, audited on the hub.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { and, eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { answerAction, startHub, type TestHub, rawAgent as welcomedAgent } from "../helpers/agent-client.ts";
import { jsonInit } from "../helpers/app.ts";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(() => hub.stop());

const rawAgent = (protocol: number, allow?: string[]) => welcomedAgent(hub, protocol, allow);

const problem = async (res: Response) =>
  (await res.json()) as { status: number; type: string; detail: string };

describe("remote actions on the hub", () => {
  test("an agent of protocol 2 is told to upgrade, and is never sent an action it would misread", async () => {
    const { agent, hostId } = await rawAgent(2);
    const res = await hub.t.as(
      "admin",
      `/api/v1/hosts/${hostId}/processes/1234/signal`,
      jsonInit({ signal: "TERM" }),
    );
    expect(res.status).toBe(409);
    const body = await problem(res);
    expect(body.type).toBe("urn:warden:problem:agent_outdated");
    expect(body.detail).toBe(
      "This agent speaks protocol 2; its version cannot run remote actions (protocol 3 and later can): upgrade it.",
    );
    await Bun.sleep(100);
    expect(agent.messages.map((m) => m.type)).toEqual(["welcome"]);
    const [audited] = await hub.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.resourceId, hostId), eq(auditLog.action, "host.process.signal")));
    expect(audited?.changes).toMatchObject({ outcome: { after: expect.stringMatching(/^409 /) } });
    agent.socket.close();
  });

  test("a protocol-3 agent gets the request; its refusal, a wrong answer and a close are clear errors", async () => {
    const { agent, hostId } = await rawAgent(3, ["windows"]);
    const close = (window: string) =>
      hub.t.as("admin", `/api/v1/hosts/${hostId}/windows/${window}/close`, { method: "POST" });

    // The agent refuses (no desktop): its status and sentence.
    const refusing = answerAction(agent, {
      ok: false,
      error: { status: 409, code: "conflict", message: "The desktop is not available: no desktop session." },
    });
    const refused = await close("0x400007");
    const request = await refusing;
    expect(request).toEqual({
      type: "action",
      id: expect.any(String),
      by: expect.any(String),
      kind: "window.action",
      params: { window: "0x00400007", action: "close" },
    });
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toBe(
      "The agent answered: The desktop is not available: no desktop session.",
    );

    // Done, with its result.
    const doing = answerAction(agent, {
      ok: true,
      result: { window: "0x00400007", action: "close", title: "xterm" },
    });
    const done = await close("0x400007");
    await doing;
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ window: "0x00400007", action: "close", title: "xterm" });

    // An answer that is not this action's: 502, never misread.
    const wrong = answerAction(agent, { ok: true, result: { pid: 12 } });
    const misread = await close("0x400007");
    await wrong;
    expect(misread.status).toBe(502);
    expect((await problem(misread)).type).toBe("urn:warden:problem:agent_bad_answer");

    // Signals are not in this agent's allow list: refused on the hub, nothing sent.
    const before = agent.messages.length;
    const signal = await hub.t.as(
      "admin",
      `/api/v1/hosts/${hostId}/processes/99/signal`,
      jsonInit({ signal: "TERM" }),
    );
    expect(signal.status).toBe(403);
    expect((await problem(signal)).detail).toBe(
      `The agent's config does not allow signals (add "signals" to agent.allow on that host).`,
    );
    expect(agent.messages.length).toBe(before);

    // The agent goes away before answering.
    const closing = answerAction(agent, () => agent.socket.close());
    const gone = await close("0x400007");
    await closing;
    expect(gone.status).toBe(502);
    expect((await problem(gone)).detail).toContain("disconnected before answering");
  });

  test("an agent that does not answer: 504 after 10 s", async () => {
    const { agent, hostId } = await rawAgent(3, ["renice"]);
    const started = Date.now();
    const res = await hub.t.as("admin", `/api/v1/hosts/${hostId}/processes/99/renice`, jsonInit({ nice: 5 }));
    expect(res.status).toBe(504);
    expect((await problem(res)).detail).toBe(
      "The agent did not answer within 10 s; whether it acted is in its audit file.",
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_900);
    expect(agent.messages.find((m) => m.type === "action")).toMatchObject({ params: { pid: 99, nice: 5 } });
    agent.socket.close();
  }, 20_000);
});
