/**
 * The scans API against real sockets: listeners opened on random loopback ports are found
 * open (with service name and banner) and a port known to be free is found closed; targets
 * outside `scanner.allowedTargets` are refused before any connection; cancel stops a scan
 * within a second; progress reaches a real SSE client; the queue per target; the diff
 * against the previous scan and the newly-open-ports listener; restart marking; schedules.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { TCPSocketListener } from "bun";
import { eq } from "drizzle-orm";
import { createLogger } from "../../src/lib/log.ts";
import type { DiffPort } from "../../src/modules/scans/diff.ts";
import { serviceName } from "../../src/modules/scans/ports.ts";
import { scanSchedules } from "../../src/modules/scans/schedules-schema.ts";
import { scans } from "../../src/modules/scans/schema.ts";
import type { BusEvent } from "../../src/realtime/bus.ts";
import { startHttpServer, stopHttpServer } from "../../src/server.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { listen } from "../helpers/listen.ts";

/** A loopback listener counting the connections it accepts; `banner` is sent on connect. */
function listener(banner?: string): { server: TCPSocketListener; connections: () => number } {
  let connections = 0;
  const server = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open(socket) {
        connections++;
        if (banner) socket.write(banner);
      },
      data() {},
    },
  });
  return { server, connections: () => connections };
}

/** A loopback port nothing listens on: bound, then released. */
function freePort(): number {
  const { server } = listener();
  const port = server.port;
  server.stop(true);
  return port;
}

const newOpen: {
  scan: { id: string; target: string; hostId: string; hostName: string | null };
  ports: DiffPort[];
}[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(
    // A heartbeat a second: the stream's headers reach the client with its first bytes.
    // Schedules may fire every second here (croner firing one is tested below).
    {
      scanner: { connectTimeoutMs: 500, bannerTimeoutMs: 300, minScheduleIntervalSeconds: 1 },
      realtime: { heartbeatMs: 1000 },
    },
    {
      deps: {
        onNewOpenPorts: (scan, ports) => newOpen.push({ scan, ports }),
        resolve: async (name) =>
          ({
            "inside.test": ["127.0.0.1"],
            "diff.test": ["127.0.0.1"],
            "mixed.test": ["127.0.0.1", "10.20.30.40"],
          })[name] ?? [],
      },
    },
  );
});
afterAll(async () => {
  await t.scans.runner.stop();
  t.close();
});

const api = (path: string, init?: RequestInit, role: "admin" | "viewer" | "analyst" | "manager" = "admin") =>
  t.as(role, `/api/v1${path}`, init);

async function startScan(body: Record<string, unknown>) {
  const res = await api("/scans", jsonInit(body));
  expect(res.status).toBe(202);
  return res.json();
}

/** The scan with its diff, and the first page of its open ports and hosts. */
async function detail(id: string) {
  const res = await api(`/scans/${id}`);
  expect(res.status).toBe(200);
  const [ports, hosts] = await Promise.all(
    ["ports", "hosts"].map(
      async (what) => (await (await api(`/scans/${id}/${what}?pageSize=200`)).json()).items,
    ),
  );
  return { ...(await res.json()), ports, hosts };
}

/** Resolves once scan `id` has ended: its `scan.finished` event, or its stored status if that came first. */
function finished(id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = t.bus.subscribe(["scans"], (event: BusEvent) => {
      if (event.name === "scan.finished" && (event.data as { id: string }).id === id) {
        stop();
        resolve();
      }
    });
    void detail(id).then(({ scan }) => {
      if (scan.status !== "queued" && scan.status !== "running") {
        stop();
        resolve();
      }
    });
  });
}

describe("a scan of loopback listeners", () => {
  test("finds exactly the open ports (service name, banner) and the free port closed", async () => {
    const plain = listener();
    const talker = listener("SSH-2.0-WardenTest\r\n\u0000\u0001junk");
    const closed = freePort();
    const ports = [plain.server.port, talker.server.port, closed].sort((a, b) => a - b);
    const scan = await startScan({ target: "127.0.0.1", ports: ports.join(","), hostDiscovery: false });
    expect(scan.status).toBe("queued");
    await t.scans.runner.idle();
    const { scan: done, ports: found, hosts } = await detail(scan.id);
    expect(done).toMatchObject({
      status: "completed",
      portsTotal: 3,
      portsDone: 3,
      openCount: 2,
      closedCount: 1,
      filteredCount: 0,
      percent: 100,
      hostCount: 1,
      hostsUp: 1,
    });
    expect(found.map((p: { port: number }) => p.port)).toEqual(
      [plain.server.port, talker.server.port].sort((a, b) => a - b),
    );
    const banner = found.find((p: { port: number }) => p.port === talker.server.port);
    expect(banner.banner).toBe("SSH-2.0-WardenTest junk");
    expect(found.find((p: { port: number }) => p.port === plain.server.port).banner).toBeNull();
    expect(hosts).toEqual([{ address: "127.0.0.1", openCount: 2 }]);
    // The first scan of this app: its three probes, counted for /metrics by result.
    const probes = t.appMetrics?.scanProbes;
    expect([probes?.countOf({ result: "open" }), probes?.countOf({ result: "closed" })]).toEqual([2, 1]);
    plain.server.stop(true);
    talker.server.stop(true);
  });

  test("a port that never answers is filtered: a real listener whose accept queue is full drops the SYN", async () => {
    // A Perl process (perl-base is in every Debian) listening with a backlog of 0 that never
    // accepts: once one connection waits in its queue, the kernel drops further SYNs, so a
    // connect neither succeeds nor fails.
    const listenerProcess = Bun.spawn(
      [
        "perl",
        "-MSocket",
        "-e",
        'socket(S,PF_INET,SOCK_STREAM,0) or die; bind(S,pack_sockaddr_in(0,inet_aton("127.0.0.1"))) or die; listen(S,0) or die; my ($p)=unpack_sockaddr_in(getsockname(S)); $|=1; print "$p\\n"; sleep 60',
      ],
      { stdout: "pipe" },
    );
    const { value } = await listenerProcess.stdout.getReader().read();
    const port = Number(new TextDecoder().decode(value).trim());
    const filler = await Bun.connect({ hostname: "127.0.0.1", port, socket: { data() {} } });
    const scan = await startScan({
      target: "127.0.0.1",
      ports: `${port}`,
      connectTimeoutMs: 200,
      hostDiscovery: false,
    });
    await t.scans.runner.idle();
    const { scan: done, ports } = await detail(scan.id);
    expect(done).toMatchObject({ status: "completed", openCount: 0, closedCount: 0, filteredCount: 1 });
    expect(ports).toEqual([]);
    filler.end();
    listenerProcess.kill();
    await listenerProcess.exited;
  });

  test("a host name is resolved first; an open port carries its IANA service name", async () => {
    const open = listener();
    const scan = await startScan({ target: "inside.test", ports: `${open.server.port}` });
    await t.scans.runner.idle();
    const { scan: done, ports } = await detail(scan.id);
    expect(done.status).toBe("completed");
    expect(ports).toEqual([
      expect.objectContaining({
        host: "127.0.0.1",
        port: open.server.port,
        service: serviceName(open.server.port),
      }),
    ]);
    open.server.stop(true);
  });

  test("every scan is audited with its options", async () => {
    const scan = await startScan({ target: "127.0.0.1", ports: "1", hostDiscovery: false });
    await t.scans.runner.idle();
    const res = await api(`/audit?resourceType=scan&resourceId=${scan.id}`);
    const { items } = await res.json();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ action: "scan.create", actorId: t.users.admin.id });
    expect(items[0].changes.ports.after).toBe("1");
  });
});

describe("the allowlist", () => {
  test("a target outside scanner.allowedTargets is refused with 403 before any connection", async () => {
    const watched = listener();
    const { total: before } = await (await api("/scans")).json();
    for (const target of ["10.0.0.1", "192.168.0.0/24", "mixed.test", "::2"]) {
      const res = await api("/scans", jsonInit({ target, ports: `${watched.server.port}` }));
      expect(res.status).toBe(403);
      const problem = await res.json();
      expect(problem.detail).toContain("scanner.allowedTargets");
    }
    const { total: after } = await (await api("/scans")).json();
    expect(after).toBe(before);
    expect(watched.connections()).toBe(0);
    watched.server.stop(true);
  });

  test("an allowlist without the address refuses even loopback; nothing connects", async () => {
    const narrow = await createTestApp({ scanner: { allowedTargets: ["127.0.0.2/32"] } });
    const watched = listener();
    const res = await narrow.as(
      "admin",
      "/api/v1/scans",
      jsonInit({ target: "127.0.0.1", ports: `${watched.server.port}` }),
    );
    expect(res.status).toBe(403);
    expect(watched.connections()).toBe(0);
    watched.server.stop(true);
    narrow.close();
  });

  test("bad input: 422 naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ target: "", ports: "80" }, "target"],
      [{ target: "127.0.0.0/8", ports: "80" }, "target"],
      [{ target: "fe80::/64", ports: "80" }, "target"],
      [{ target: "not a host!", ports: "80" }, "target"],
      [{ target: "nowhere.test", ports: "80" }, "target"],
      [{ target: "127.0.0.1", ports: "0" }, "ports"],
      [{ target: "127.0.0.1", ports: "22,70000" }, "ports"],
      [{ target: "127.0.0.1", ports: "90-80" }, "ports"],
      [{ target: "127.0.0.1", ports: "top10" }, "ports"],
      [{ target: "127.0.0.1", ports: "80", concurrency: 0 }, "concurrency"],
      [{ target: "127.0.0.1", ports: "80", concurrency: 5000 }, "concurrency"],
      [{ target: "127.0.0.1", ports: "80", connectTimeoutMs: 10 }, "connectTimeoutMs"],
    ];
    for (const [body, field] of cases) {
      const res = await api("/scans", jsonInit(body));
      expect(res.status, JSON.stringify(body)).toBe(422);
      const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
      expect(fields, JSON.stringify(body)).toEqual([field]);
    }
  });
});

describe("running scans", () => {
  test("cancel stops a running scan within a second; a second cancel is 409", async () => {
    const scan = await startScan({ target: "127.0.0.1", ports: "all", concurrency: 2, hostDiscovery: false });
    await new Promise<void>((resolve) => {
      const stop = t.bus.subscribe(["scans"], (event) => {
        if (event.name === "scan.progress" && (event.data as { id: string }).id === scan.id) {
          stop();
          resolve();
        }
      });
    });
    const asked = performance.now();
    const res = await api(`/scans/${scan.id}/cancel`, { method: "POST" });
    const tookMs = performance.now() - asked;
    expect(res.status).toBe(200);
    const cancelled = await res.json();
    expect(cancelled.status).toBe("cancelled");
    expect(cancelled.portsDone).toBeLessThan(65535);
    expect(tookMs).toBeLessThan(1000);
    expect((await api(`/scans/${scan.id}/cancel`, { method: "POST" })).status).toBe(409);
    expect((await api("/scans/nope/cancel", { method: "POST" })).status).toBe(404);
  });

  test("a second scan of the same target waits for the first; a queued scan can be cancelled", async () => {
    const first = await startScan({
      target: "127.0.0.1",
      ports: "1-20000",
      concurrency: 4,
      hostDiscovery: false,
    });
    const second = await startScan({ target: "127.0.0.1", ports: "1", hostDiscovery: false });
    const third = await startScan({ target: "127.0.0.1", ports: "2", hostDiscovery: false });
    expect((await detail(second.id)).scan.status).toBe("queued");
    const res = await api(`/scans/${third.id}/cancel`, { method: "POST" });
    expect((await res.json()).status).toBe("cancelled");
    const secondDone = finished(second.id);
    await api(`/scans/${first.id}/cancel`, { method: "POST" });
    await secondDone;
    expect((await detail(second.id)).scan.status).toBe("completed");
    const { scan: thirdAfter } = await detail(third.id);
    expect(thirdAfter).toMatchObject({ status: "cancelled", portsDone: 0 });
  });

  test("progress events reach a real SSE client, ending at 100 %", async () => {
    const server = startHttpServer(
      t.app,
      { ...t.config.get(), server: { ...t.config.get().server, port: 0 } },
      t.ws.handlers,
    );
    const controller = new AbortController();
    const res = await fetch(`http://127.0.0.1:${server.port}/events?topics=scans`, {
      headers: { Authorization: `Bearer ${await t.tokenFor("admin")}` },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const events: { event: string; data: Record<string, unknown> }[] = [];
    let scanId = "";
    let resolveDone: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      resolveDone = resolve;
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of res.body ?? []) {
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (!event || !data) continue;
            events.push({ event, data: JSON.parse(data) });
            if (event === "scan.finished" && JSON.parse(data).id === scanId) resolveDone();
          }
        }
      } catch {
        // aborted at the end of the test
      }
    })();
    const scan = await startScan({
      target: "127.0.0.1",
      ports: "1-5000",
      concurrency: 100,
      hostDiscovery: false,
    });
    scanId = scan.id;
    await done;
    controller.abort();
    t.streams.closeAll();
    await reading;
    const mine = events.filter((e) => e.data.id === scan.id);
    expect(mine[0]?.event).toBe("scan.created");
    const progress = mine.filter((e) => e.event === "scan.progress").map((e) => e.data);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: 5000, total: 5000, percent: 100, status: "running" });
    for (const p of progress)
      expect(Object.keys(p).sort()).toEqual(["done", "etaMs", "id", "open", "percent", "status", "total"]);
    expect(mine.at(-1)).toEqual({ event: "scan.finished", data: { id: scan.id, status: "completed" } });
    await stopHttpServer(
      server,
      1000,
      createLogger(() => ({ level: "error", format: "json" })),
    );
  }, 20_000);
});

describe("progress over WebSocket", () => {
  test("a client subscribed to the scans topic gets scan.progress and scan.finished; a viewer may not subscribe", async () => {
    const served = listen(t);
    const connect = async (role: "admin" | "viewer") => {
      const socket = new WebSocket(served.wsUrl, {
        protocols: ["bearer", await t.tokenFor(role)],
      } as unknown as string[]);
      const messages: {
        type: string;
        topic?: string;
        name?: string;
        data?: { id?: string };
        error?: unknown;
      }[] = [];
      socket.onmessage = (e) => messages.push(JSON.parse(String(e.data)));
      await new Promise((resolve) => {
        socket.onopen = resolve;
      });
      const waitFor = (match: (m: (typeof messages)[number]) => boolean) =>
        new Promise<(typeof messages)[number]>((resolve) => {
          const poll = () => {
            const hit = messages.find(match);
            if (hit) resolve(hit);
            else setTimeout(poll, 20);
          };
          poll();
        });
      return { socket, messages, waitFor };
    };
    const viewer = await connect("viewer");
    viewer.socket.send(JSON.stringify({ type: "subscribe", topic: "scans" }));
    expect((await viewer.waitFor((m) => m.type === "error")).type).toBe("error");
    viewer.socket.close();

    const admin = await connect("admin");
    admin.socket.send(JSON.stringify({ type: "subscribe", topic: "scans" }));
    await admin.waitFor((m) => m.type === "subscribed");
    const scan = await startScan({ target: "127.0.0.1", ports: "1-2000", hostDiscovery: false });
    const progress = await admin.waitFor((m) => m.name === "scan.progress" && m.data?.id === scan.id);
    expect(progress).toMatchObject({ type: "event", topic: "scans", data: { total: 2000 } });
    await admin.waitFor((m) => m.name === "scan.finished" && m.data?.id === scan.id);
    admin.socket.close();
    await served.stop();
  });
});

describe("diff against the previous scan", () => {
  test("newly open and newly closed ports; the listener hears only newly open ones after a baseline", async () => {
    const a = listener();
    const b = listener();
    const spec = [a.server.port, b.server.port].join(",");
    b.server.stop(true);
    newOpen.length = 0;
    // A target no other test scans, so the first scan here is its first ever.
    const first = await startScan({ target: "diff.test", ports: spec });
    await t.scans.runner.idle();
    expect((await detail(first.id)).diff.previous).toBeNull();
    expect(newOpen).toHaveLength(0);

    const b2 = Bun.listen({ hostname: "127.0.0.1", port: b.server.port, socket: { data() {} } });
    a.server.stop(true);
    const second = await startScan({ target: "diff.test", ports: spec });
    await t.scans.runner.idle();
    const { diff } = await detail(second.id);
    expect(diff.previous.id).toBe(first.id);
    expect(diff.newlyOpen).toEqual([
      { host: "127.0.0.1", port: b.server.port, service: serviceName(b.server.port) },
    ]);
    expect(diff.newlyClosed.map((p: DiffPort) => p.port)).toEqual([a.server.port]);
    expect(newOpen).toEqual([
      {
        scan: { id: second.id, target: "diff.test", hostId: "local", hostName: null },
        ports: [expect.objectContaining({ port: b.server.port })],
      },
    ]);
    b2.stop(true);
  });
});

describe("restart and roles", () => {
  test("scans left queued or running by a previous process are marked interrupted", async () => {
    const base = {
      target: "127.0.0.1",
      ports: "80",
      concurrency: 1,
      connectTimeoutMs: 500,
      hostDiscovery: false,
    };
    const now = Date.now();
    await t.database.db.insert(scans).values([
      { ...base, id: "left-running", status: "running", createdAt: now, startedAt: now },
      { ...base, id: "left-queued", status: "queued", createdAt: now },
    ]);
    expect(await t.scans.runner.markInterrupted()).toBe(2);
    for (const id of ["left-running", "left-queued"])
      expect((await detail(id)).scan).toMatchObject({ status: "interrupted", error: expect.any(String) });
  });

  test("only admins see or start scans", async () => {
    for (const role of ["viewer", "analyst", "manager"] as const) {
      expect((await api("/scans", undefined, role)).status).toBe(403);
      expect((await api("/scans", jsonInit({ target: "127.0.0.1", ports: "80" }), role)).status).toBe(403);
      expect((await api("/scan-schedules", undefined, role)).status).toBe(403);
    }
  });
});

describe("schedules", () => {
  const body = { name: "Nightly loopback", cron: "0 3 * * *", target: "127.0.0.1", ports: "top100" };

  test("create with next run time; a disabled one has none and is not scheduled; bad cron 422", async () => {
    const res = await api("/scan-schedules", jsonInit(body));
    expect(res.status).toBe(201);
    const schedule = await res.json();
    expect(schedule.nextRunAt).toBeGreaterThan(Date.now());
    expect(new Date(schedule.nextRunAt).getHours()).toBe(3);
    const off = await (
      await api("/scan-schedules", jsonInit({ ...body, name: "Off", enabled: false }))
    ).json();
    expect(off.nextRunAt).toBeNull();
    await t.scans.scheduler.reload();
    expect(t.scans.scheduler.scheduled()).toContain(schedule.id);
    expect(t.scans.scheduler.scheduled()).not.toContain(off.id);
    const bad = await api("/scan-schedules", jsonInit({ ...body, cron: "every day" }));
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(["cron"]);
    const outside = await api("/scan-schedules", jsonInit({ ...body, target: "10.0.0.1" }));
    expect(outside.status).toBe(403);
  });

  test("croner fires an enabled schedule in-process: its scan appears on the bus", async () => {
    const every = await (
      await api(
        "/scan-schedules",
        jsonInit({ ...body, name: "Every second", cron: "* * * * * *", ports: "1" }),
      )
    ).json();
    const created = new Promise<{ id: string }>((resolve) => {
      const stop = t.bus.subscribe(["scans"], (event) => {
        if (event.name !== "scan.created") return;
        stop();
        resolve(event.data as { id: string });
      });
    });
    await t.scans.scheduler.start();
    const { id } = await created;
    t.scans.scheduler.stop();
    await finished(id);
    expect((await detail(id)).scan).toMatchObject({
      scheduleId: every.id,
      createdBy: null,
      status: "completed",
    });
    expect((await api(`/scan-schedules/${every.id}`, { method: "DELETE" })).status).toBe(204);
  });

  test("a firing starts a scan through the same queue, tied to its schedule; update and delete", async () => {
    const schedule = await (await api("/scan-schedules", jsonInit({ ...body, ports: "1" }))).json();
    const [row] = await t.database.db.select().from(scanSchedules).where(eq(scanSchedules.id, schedule.id));
    if (!row) throw new Error("the schedule was not stored");
    await t.scans.scheduler.fire(row);
    await t.scans.runner.idle();
    const after = await (await api(`/scan-schedules/${schedule.id}`)).json();
    expect(after.lastScanId).toEqual(expect.any(String));
    const { scan } = await detail(after.lastScanId);
    expect(scan).toMatchObject({ status: "completed", scheduleId: schedule.id, createdBy: null });
    const put = await api(`/scan-schedules/${schedule.id}`, jsonInit({ ...body, enabled: false }, "PUT"));
    expect(put.status).toBe(200);
    expect((await put.json()).nextRunAt).toBeNull();
    expect((await api(`/scan-schedules/${schedule.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api(`/scan-schedules/${schedule.id}`)).status).toBe(404);
  });
});
