/**
 * The hub's side of the agent protocol, with real WebSocket clients speaking it to a served
 * test app: enrolment tokens, hello and welcome, samples stored once at hub time (clock
 * skew corrected) and acknowledged, rollups, and every refusal with its close code.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { auditLog } from "../../src/db/schema/audit-log.ts";
import { CLOSE } from "../../src/modules/hosts/close-codes.ts";
import { PROTOCOL_VERSION } from "../../src/modules/hosts/protocol.ts";
import { hostMetricsMinute, hostSamples, hosts } from "../../src/modules/hosts/schema.ts";
import {
  hello,
  sample,
  agentSocket as socketTo,
  startHub,
  type TestHub,
  enrolmentToken as tokenOf,
} from "../helpers/agent-client.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";

let hub: TestHub;
let t: TestApp;
let served: ListeningApp;

beforeAll(async () => {
  hub = await startHub({ monitor: { intervalMs: 250 }, hosts: { maxMessagesPerSecond: 5 } });
  ({ t, served } = hub);
});
afterAll(() => hub.stop());

const agentSocket = (base = served.url) => socketTo(base);
const enrolmentToken = (maxUses = 1, app = t) => tokenOf(app, maxUses);

describe("enrolment tokens", () => {
  test("created with the secret once, listed without it, refused when invalid, revoked, audited", async () => {
    const res = await t.as(
      "admin",
      "/api/v1/hosts/enrolment-tokens",
      jsonInit({ name: "Rack 4", maxUses: 3 }),
    );
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; token: string; maxUses: number; uses: number };
    expect(created.token).toStartWith("wen_");
    expect(created).toMatchObject({ maxUses: 3, uses: 0 });
    const list = await (await t.as("admin", "/api/v1/hosts/enrolment-tokens")).text();
    expect(list).toContain(created.id);
    expect(list).not.toContain(created.token);
    const bad = await t.as("admin", "/api/v1/hosts/enrolment-tokens", jsonInit({ name: "x", maxUses: 0 }));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("maxUses");
    expect(
      (await t.as("admin", `/api/v1/hosts/enrolment-tokens/${created.id}`, { method: "DELETE" })).status,
    ).toBe(204);
    expect(
      (await t.as("admin", `/api/v1/hosts/enrolment-tokens/${created.id}`, { method: "DELETE" })).status,
    ).toBe(404);
    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.resourceId, created.id));
    expect(audit.map((a) => a.action).sort()).toEqual(["enrolment_token.create", "enrolment_token.revoke"]);
  });
});

describe("the agents' socket", () => {
  test("enrols, stores samples once at hub time with the skew corrected, acknowledges and rolls up", async () => {
    const token = await enrolmentToken();
    const agent = agentSocket();
    await agent.opened;
    // This agent's clock runs an hour behind the hub's.
    const skew = 3_600_000;
    agent.send(hello({ enrol: { token } }, { clock: Date.now() - skew }));
    const welcome = await agent.message<{ hostId: string; credential: { id: string; secret: string } }>(
      "welcome",
    );
    expect(welcome.credential.secret).toStartWith("wag_");
    const minuteAgo = Math.floor((Date.now() - skew) / 60_000) * 60_000 - 60_000;
    const batch = [sample(minuteAgo + 1000, 10), sample(minuteAgo + 2000, 30)];
    agent.send({ type: "samples", seq: 0, sentAt: Date.now() - skew, samples: batch });
    // The same batch again (its ack lost): stored once.
    agent.send({ type: "samples", seq: 1, sentAt: Date.now() - skew, samples: batch });
    await t.hosts.writer.flush();
    await agent.message("ack");
    const rows = await t.database.db.select().from(hostSamples).where(eq(hostSamples.hostId, welcome.hostId));
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(Math.abs(row.at - row.agentAt - skew)).toBeLessThan(1000);
    const [host] = await t.database.db.select().from(hosts).where(eq(hosts.id, welcome.hostId));
    expect(Math.abs((host?.clockSkewMs ?? 0) - skew)).toBeLessThan(1000);
    expect(host?.connected).toBe(true);
    // The figures at a glance are the newest sample's (busy 30 %, memory 250 of 1000).
    expect(host).toMatchObject({ cpu: 30, memory: 25 });
    await t.hosts.writer.flush();
    const cpu = (
      await t.database.db.select().from(hostMetricsMinute).where(eq(hostMetricsMinute.hostId, welcome.hostId))
    ).find((r) => r.series === "cpu");
    expect(cpu).toMatchObject({ avg: 20, min: 10, max: 30, count: 2 });
    const listed = (await (await t.as("viewer", "/api/v1/hosts")).json()) as { id: string; status: string }[];
    expect(listed[0]?.id).toBe("local");
    expect(listed.find((h) => h.id === welcome.hostId)?.status).toBe("up");
    agent.socket.close();

    // The credential it got lets it back in; the token is spent.
    const again = agentSocket();
    await again.opened;
    again.send(hello({ credential: welcome.credential }));
    expect((await again.message<{ hostId: string }>("welcome")).hostId).toBe(welcome.hostId);
    const spent = agentSocket();
    await spent.opened;
    spent.send(hello({ enrol: { token } }));
    expect((await spent.closed()).code).toBe(CLOSE.unauthorized);
    expect(t.logs.some((l) => l.includes("agent refused") && l.includes("used up"))).toBe(true);

    // Revoked: the open socket closes at once with 4403, and the credential is refused.
    const revoked = await t.as("admin", `/api/v1/hosts/${welcome.hostId}`, { method: "DELETE" });
    expect(revoked.status).toBe(204);
    expect((await again.closed()).code).toBe(CLOSE.revoked);
    const back = agentSocket();
    await back.opened;
    back.send(hello({ credential: welcome.credential }));
    expect((await back.closed()).code).toBe(CLOSE.revoked);
    // An action on it says it is revoked, not that it may come back.
    const signal = await t.as(
      "admin",
      `/api/v1/hosts/${welcome.hostId}/processes/1/signal`,
      jsonInit({ signal: "TERM" }),
    );
    expect(signal.status).toBe(409);
    expect(((await signal.json()) as { detail: string }).detail).toBe(
      "The agent of this host was revoked; nothing was sent. Enrol the machine again to act on it.",
    );
  });

  test("refuses a wrong credential, another protocol version, garbage and a flood, each with its reason", async () => {
    const wrong = agentSocket();
    await wrong.opened;
    wrong.send(hello({ credential: { id: "no-such-host", secret: "wag_nothing" } }));
    expect((await wrong.closed()).code).toBe(CLOSE.unauthorized);

    const newer = agentSocket();
    await newer.opened;
    newer.send({ ...hello({ enrol: { token: "x" } }), protocol: PROTOCOL_VERSION + 1, somethingNew: true });
    const refusal = await newer.message<{ message: string; protocols: { max: number } }>("refused");
    expect(refusal.message).toContain("upgrade the hub");
    expect(refusal.protocols.max).toBe(PROTOCOL_VERSION);
    expect((await newer.closed()).code).toBe(CLOSE.protocol);

    const garbage = agentSocket();
    await garbage.opened;
    garbage.send("{not json");
    expect((await garbage.closed()).code).toBe(CLOSE.badMessage);

    const token = await enrolmentToken();
    const sloppy = agentSocket();
    await sloppy.opened;
    sloppy.send(hello({ enrol: { token } }, { machineKey: "fedcba9876543210fedcba9876543210" }));
    await sloppy.message("welcome");
    sloppy.send({ type: "samples", seq: 0, sentAt: Date.now(), samples: [{ at: "yesterday" }] });
    const closed = await sloppy.closed();
    expect(closed.code).toBe(CLOSE.badMessage);
    expect(closed.reason).toContain("samples.0");

    const floodToken = await enrolmentToken();
    const flood = agentSocket();
    await flood.opened;
    flood.send(hello({ enrol: { token: floodToken } }, { machineKey: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" }));
    await flood.message("welcome");
    const fs = { type: "filesystems", filesystems: [] };
    for (let second = 0; second < 4 && !flood.messages.some((m) => m.type === "refused"); second++) {
      for (let i = 0; i < 20; i++) flood.send(fs);
      await Bun.sleep(1000);
    }
    expect((await flood.closed()).code).toBe(CLOSE.tooFast);
  }, 20_000);

  test("refuses impossible figures (percent outside 0–100, negative load, used over total) like any garbage", async () => {
    const token = await enrolmentToken();
    const first = agentSocket();
    await first.opened;
    first.send(hello({ enrol: { token } }, { machineKey: "cccccccccccccccccccccccccccccccc" }));
    const welcome = await first.message<{ hostId: string; credential: { id: string; secret: string } }>(
      "welcome",
    );
    // The edges are possible: a core fully busy, all memory and all of a disk in use.
    const full = { ...sample(Date.now() - 1000, 100), memory: { ...sample(0).memory, used: 1000 } };
    first.send({ type: "samples", seq: 0, sentAt: Date.now(), samples: [full] });
    const disk = { mount: "/", fs: "/dev/sda1", type: "ext4", size: 100, used: 100, usePercent: 100 };
    first.send({ type: "filesystems", filesystems: [disk] });
    await t.hosts.writer.flush();
    await first.message("ack");
    first.socket.close();
    const stored = () => t.database.db.select().from(hosts).where(eq(hosts.id, welcome.hostId));
    expect((await stored())[0]).toMatchObject({ cpu: 100, memory: 100, disk: 100 });

    const good = sample(Date.now() - 1000);
    const samples = (s: object) => ({
      type: "samples",
      seq: 0,
      sentAt: Date.now(),
      samples: [{ ...good, ...s }],
    });
    const process = { pid: 1, ppid: 0, name: "x", user: "root", state: "S", cpu: 0, rss: 1, memory: 0 };
    const processes = (p: object) => ({
      type: "processes",
      at: Date.now(),
      total: 1,
      processes: [{ ...process, threads: 1, command: "x", ...p }],
    });
    const cases: [string, object, string][] = [
      ["cpu 1e300", samples({ cpu: { ...good.cpu, busy: 1e300 } }), "samples.0.cpu.busy"],
      ["cpu below 0", samples({ cpu: { ...good.cpu, user: -50 } }), "samples.0.cpu.user"],
      ["a core over 100", samples({ cores: [{ ...good.cpu, idle: 100.5 }] }), "samples.0.cores.0.idle"],
      ["load 1e300", samples({ load: [1e300, 0, 0] }), "samples.0.load.0"],
      ["negative load", samples({ load: [0, -1, 0] }), "samples.0.load.1"],
      [
        "memory used over total",
        samples({ memory: { ...good.memory, used: 1001 } }),
        "samples.0.memory.used",
      ],
      ["swap used over total", samples({ swap: { total: 0, used: 1 } }), "samples.0.swap.used"],
      [
        "a network rate of 1e308 bytes/s",
        samples({ network: { ...good.network, rx: 1e308 } }),
        "samples.0.network.rx",
      ],
      [
        "a disk 1e9 % used",
        { type: "filesystems", filesystems: [{ ...disk, usePercent: 1e9 }] },
        "filesystems.0.usePercent",
      ],
      [
        "a disk using more than its size",
        { type: "filesystems", filesystems: [{ ...disk, used: 101 }] },
        "filesystems.0.used",
      ],
      ["a process over 100 % of memory", processes({ memory: 250 }), "processes.0.memory"],
      ["a process below 0 % CPU", processes({ cpu: -1 }), "processes.0.cpu"],
    ];
    for (const [what, message, path] of cases) {
      const agent = agentSocket();
      await agent.opened;
      agent.send(
        hello({ credential: welcome.credential }, { machineKey: "cccccccccccccccccccccccccccccccc" }),
      );
      await agent.message("welcome");
      agent.send(message);
      const open = Bun.sleep(2000).then(() => ({ code: "still open", reason: "" }));
      const closed = await Promise.race([agent.closed(), open]);
      agent.socket.close();
      expect({ what, code: closed.code, path: closed.reason.split(":")[0] }).toEqual({
        what,
        code: CLOSE.badMessage,
        path,
      });
    }
    await t.hosts.writer.flush();
    expect((await stored())[0]).toMatchObject({ cpu: 100, memory: 100, disk: 100 });
    const rows = await t.database.db.select().from(hostSamples).where(eq(hostSamples.hostId, welcome.hostId));
    expect(rows).toHaveLength(1);
  }, 20_000);

  test("a sample from the future is garbage; more samples than an outage explains is a flood", async () => {
    const token = await enrolmentToken();
    const ahead = agentSocket();
    await ahead.opened;
    ahead.send(hello({ enrol: { token } }, { machineKey: "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }));
    await ahead.message("welcome");
    ahead.send({ type: "samples", seq: 0, sentAt: Date.now(), samples: [sample(Date.now() + 60_000)] });
    const closed = await ahead.closed();
    expect(closed.code).toBe(CLOSE.badMessage);
    expect(closed.reason).toContain("after the batch was sent");

    // A hub that takes many messages a second: the samples themselves are what is counted.
    const roomy = await createTestApp({ hosts: { maxMessagesPerSecond: 1000 } });
    const roomyServed = listen(roomy);
    try {
      const greedy = agentSocket(roomyServed.url);
      await greedy.opened;
      greedy.send(hello({ enrol: { token: await enrolmentToken(1, roomy) } }));
      await greedy.message("welcome");
      const start = Date.now() - 7_200_000;
      for (let batch = 0; batch < 62; batch++)
        greedy.send({
          type: "samples",
          seq: batch,
          sentAt: Date.now(),
          samples: Array.from({ length: 60 }, (_, i) => sample(start + (batch * 60 + i) * 1000)),
        });
      expect((await greedy.closed()).code).toBe(CLOSE.tooFast);
    } finally {
      await roomyServed.stop();
      await roomy.close();
    }
  });
});
