/**
 * The bounds on scans, against real loopback sockets: probes per scan
 * (`scanner.maxProbesPerScan`), scans at once (`scanner.maxConcurrentScans`, the rest
 * queued), how often a schedule may fire (`scanner.minScheduleIntervalSeconds`), and a
 * scan's results read a page at a time.
 */
import { describe, expect, test } from "bun:test";
import type { TCPSocketListener } from "bun";
import type { Tree } from "../../src/config/flatten.ts";
import type { BusEvent } from "../../src/realtime/bus.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { useCleanups } from "../helpers/cleanups.ts";

const cleanups = useCleanups();

async function app(scanner: Tree = {}): Promise<TestApp> {
  const t = await createTestApp({ scanner: { connectTimeoutMs: 500, ...scanner } });
  cleanups.push(() => t.close());
  return t;
}

/** A silent loopback listener counting the connections it accepts. */
function listener(): { port: number; connections: () => number } {
  let connections = 0;
  const server: TCPSocketListener = Bun.listen({
    hostname: "127.0.0.1",
    port: 0,
    socket: {
      open() {
        connections++;
      },
      data() {},
    },
  });
  cleanups.push(() => server.stop(true));
  return { port: server.port, connections: () => connections };
}

const api = (t: TestApp, path: string, init?: RequestInit) => t.as("admin", `/api/v1${path}`, init);

async function fieldsOf(res: Response): Promise<Record<string, string>> {
  const { errors } = (await res.json()) as { errors: { field: string; message: string }[] };
  return Object.fromEntries(errors.map((e) => [e.field, e.message]));
}

/** Resolves once `name` is published for scan `id`. */
function event(t: TestApp, name: string, id: string): Promise<void> {
  return new Promise((resolve) => {
    const stop = t.bus.subscribe(["scans"], (e: BusEvent) => {
      if (e.name === name && (e.data as { id: string }).id === id) {
        stop();
        resolve();
      }
    });
  });
}

describe("scan bounds", () => {
  test("hosts × ports above scanner.maxProbesPerScan: 422 on ports, for a scan and a schedule, before any connection", async () => {
    const t = await app({ maxProbesPerScan: 10 });
    const open = listener();
    // 6 hosts × 2 ports = 12 probes.
    const over = await api(t, "/scans", jsonInit({ target: "127.0.0.0/29", ports: `1,${open.port}` }));
    expect(over.status).toBe(422);
    expect(await fieldsOf(over)).toEqual({
      ports:
        "This scan would make 12 probes (6 hosts × 2 ports); scanner.maxProbesPerScan allows 10. Scan fewer ports or a narrower range.",
    });
    const schedule = await api(
      t,
      "/scan-schedules",
      jsonInit({ name: "Too wide", cron: "0 3 * * *", target: "127.0.0.0/29", ports: "1,2" }),
    );
    expect(schedule.status).toBe(422);
    expect(Object.keys(await fieldsOf(schedule))).toEqual(["ports"]);
    // 2 hosts × 5 ports = 10: within the budget, it runs.
    const within = await api(
      t,
      "/scans",
      jsonInit({ target: "127.0.0.0/30", ports: `1-4,${open.port}`, hostDiscovery: false }),
    );
    expect(within.status).toBe(202);
    await t.scans.runner.idle();
    expect(open.connections()).toBe(1);
    const { scan } = await (await api(t, `/scans/${(await within.json()).id}`)).json();
    expect(scan).toMatchObject({ status: "completed", portsTotal: 10 });
  });

  test("at most scanner.maxConcurrentScans run at once: the next one shows as queued and starts when a slot frees", async () => {
    // An open port that never speaks holds its scan for the banner wait.
    const t = await app({ maxConcurrentScans: 1, bannerTimeoutMs: 5000 });
    const silent = listener();
    const first = await (
      await api(
        t,
        "/scans",
        jsonInit({ target: "127.0.0.1", ports: String(silent.port), hostDiscovery: false }),
      )
    ).json();
    const firstDone = event(t, "scan.finished", first.id);
    const second = await (
      await api(t, "/scans", jsonInit({ target: "127.0.0.2", ports: "1", hostDiscovery: false }))
    ).json();
    expect(second.status).toBe("queued");
    await Bun.sleep(300);
    const queued = await (await api(t, "/scans?status=queued")).json();
    expect(queued.items.map((s: { id: string }) => s.id)).toEqual([second.id]);
    expect((await (await api(t, `/scans/${first.id}`)).json()).scan.status).toBe("running");
    const secondDone = event(t, "scan.finished", second.id);
    expect((await api(t, `/scans/${first.id}/cancel`, { method: "POST" })).status).toBe(200);
    await firstDone;
    await secondDone;
    expect((await (await api(t, `/scans/${second.id}`)).json()).scan.status).toBe("completed");
  });

  test("a cron firing more often than scanner.minScheduleIntervalSeconds: 422 on cron", async () => {
    const t = await app();
    const base = { name: "Nightly", target: "127.0.0.1", ports: "1", enabled: false };
    for (const cron of ["* * * * * *", "*/30 * * * * *", "*/4 * * * *", "0,1 3 * * *"]) {
      const res = await api(t, "/scan-schedules", jsonInit({ ...base, cron }));
      expect({ cron, status: res.status }).toEqual({ cron, status: 422 });
      const fields = await fieldsOf(res);
      expect(Object.keys(fields)).toEqual(["cron"]);
      expect(fields.cron).toContain("scanner.minScheduleIntervalSeconds asks for at least 300 s");
    }
    const ok = await api(t, "/scan-schedules", jsonInit({ ...base, cron: "*/5 * * * *" }));
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    const put = await api(t, `/scan-schedules/${id}`, jsonInit({ ...base, cron: "* * * * *" }, "PUT"));
    expect(put.status).toBe(422);
    expect((await (await api(t, `/scan-schedules/${id}`)).json()).cron).toBe("*/5 * * * *");
  });

  test("a scan's hosts and open ports are read a page at a time", async () => {
    const t = await app();
    const ports = [listener(), listener(), listener()].map((l) => l.port).sort((a, b) => a - b);
    const scan = await (
      await api(
        t,
        "/scans",
        jsonInit({ target: "127.0.0.0/30", ports: ports.join(","), hostDiscovery: false }),
      )
    ).json();
    await t.scans.runner.idle();
    const detail = await (await api(t, `/scans/${scan.id}`)).json();
    expect(Object.keys(detail).sort()).toEqual(["diff", "scan"]);
    expect(detail.scan).toMatchObject({ status: "completed", openCount: 3, hostsUp: 2 });
    const first = await (await api(t, `/scans/${scan.id}/ports?pageSize=2`)).json();
    expect(first).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(first.items.map((p: { port: number }) => p.port)).toEqual(ports.slice(0, 2));
    const second = await (await api(t, `/scans/${scan.id}/ports?pageSize=2&page=2`)).json();
    expect(second.items.map((p: { host: string; port: number }) => [p.host, p.port])).toEqual([
      ["127.0.0.1", ports[2]],
    ]);
    const hosts = await (await api(t, `/scans/${scan.id}/hosts?pageSize=1&page=2`)).json();
    expect(hosts).toEqual({
      items: [{ address: "127.0.0.2", openCount: 0 }],
      total: 2,
      page: 2,
      pageSize: 1,
    });
    expect((await api(t, `/scans/${scan.id}/ports?pageSize=201`)).status).toBe(422);
    expect((await api(t, "/scans/none/hosts")).status).toBe(404);
    expect((await t.as("analyst", `/api/v1/scans/${scan.id}/ports`)).status).toBe(403);
  });
});
