import { afterEach, describe, expect, test } from "bun:test";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Tree } from "../../src/config/flatten.ts";
import { LiveConfig } from "../../src/config/live.ts";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/lib/log.ts";
import type { AlertSink, RaiseInput } from "../../src/monitor/alert-sink.ts";
import { MetricsHub } from "../../src/monitor/hub.ts";
import { RuleEngine } from "../../src/monitor/rule-engine.ts";
import { Bus } from "../../src/realtime/bus.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";

/** The seam to the alerts service: records what the engine raises and closes. */
class RecordingSink implements AlertSink {
  raised: RaiseInput[] = [];
  closed: { dedupKey: string; reason: string }[] = [];
  async raise(input: RaiseInput) {
    this.raised.push(input);
    return { id: `alert-${this.raised.length}`, created: true };
  }
  async close(dedupKey: string, reason: string) {
    this.closed.push({ dedupKey, reason });
  }
  raisedFor(key: string) {
    return this.raised.filter((r) => r.dedupKey === key);
  }
}

let t: TestApp | null = null;
const cleanups: (() => void)[] = [];
afterEach(async () => {
  await t?.ruleEngine.stop();
  t?.close();
  t = null;
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** An app whose engine evaluates `rules` (no shipped defaults) on a real, fast hub. */
async function startEngine(rules: Tree[], sink = new RecordingSink()) {
  t = await createTestApp(
    {
      monitor: { intervalMs: 250, processIntervalMs: 500, filesystemIntervalMs: 1000 },
      alerts: { defaults: false, rules, portIntervalMs: 1000 },
    },
    { alertSink: sink },
  );
  t.metrics.start();
  await t.ruleEngine.start();
  return { t, sink };
}

/** A copy of sleep under a name no other process has, running until killed. */
function uniqueSleeper() {
  const dir = mkdtempSync(join(tmpdir(), "warden-rule-"));
  const name = `wr${process.pid}${Math.floor(Math.random() * 1000)}`.slice(0, 15);
  const path = join(dir, name);
  copyFileSync("/bin/sleep", path);
  const procs: Bun.Subprocess[] = [];
  const spawn = () => {
    const proc = Bun.spawn([path, "300"], { stdout: "ignore", stderr: "ignore" });
    procs.push(proc);
    return proc;
  };
  cleanups.push(() => {
    for (const p of procs) p.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  return { name, spawn };
}

describe("rule engine on a real hub", () => {
  test("a metric rule fires with a snapshot of processes, ports and the series, and re-notifies while firing", async () => {
    const { sink } = await startEngine([
      {
        id: "many-processes",
        name: "Processes running",
        condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
        forSeconds: 0,
        severity: "low",
        renotifySeconds: 1,
      },
    ]);
    // A socket of ours that the snapshot's listening ports must show, with this process as owner.
    const listener = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    cleanups.push(() => listener.stop(true));
    await until("the rule engine", () => sink.raisedFor("rule:many-processes").length >= 2, 15_000);
    const [first, again] = sink.raisedFor("rule:many-processes") as [RaiseInput, RaiseInput];
    expect(first).toMatchObject({
      title: "Processes running",
      severity: "low",
      source: "rule",
      host: "test-host",
    });
    expect(first.description).toMatch(/^processes is \d+ \(> 0\)\.$/);
    const context = first.context as Record<string, unknown> & {
      topCpu: { pid: number; name: string; user: string; cpu: number; memory: number; rss: number }[];
      topMemory: { rss: number }[];
      listening: { protocol: string; port: number }[];
      series: [number, number][];
    };
    expect(context.value).toBeGreaterThan(0);
    expect(context.threshold).toBe(0);
    expect(context.topCpu.length).toBe(10);
    expect(Object.keys(context.topCpu[0] ?? {}).sort()).toEqual([
      "cpu",
      "memory",
      "name",
      "pid",
      "rss",
      "user",
    ]);
    const rss = context.topMemory.map((p) => p.rss);
    expect(rss).toEqual([...rss].sort((a, b) => b - a));
    expect(context.topCpu.some((p) => p.pid === process.pid)).toBe(true);
    expect(context.listening).toContainEqual(
      expect.objectContaining({ protocol: "tcp", port: listener.port, pid: process.pid }),
    );
    expect(context.series.length).toBeGreaterThan(0);
    expect(again.dedupKey).toBe(first.dedupKey);
    expect(t?.ruleEngine.status("many-processes").state).toBe("firing");
  });

  test("a disk rule on every mount raises one alert per mount", async () => {
    const { t, sink } = await startEngine([
      {
        id: "any-disk",
        name: "Disk in use",
        condition: { type: "metric", series: "disk", mount: "*", operator: ">=", threshold: 0 },
      },
    ]);
    await until(
      "the rule engine",
      () => t.metrics.snapshot().filesystems.length > 0 && sink.raised.length > 0,
      15_000,
    );
    await until(
      "the rule engine",
      () => sink.raised.length >= t.metrics.snapshot().filesystems.length,
      15_000,
    );
    const mounts = t.metrics.snapshot().filesystems.map((fs) => fs.mount);
    const keys = new Set(sink.raised.map((r) => r.dedupKey));
    for (const mount of mounts) expect(keys.has(`rule:any-disk:${mount}`)).toBe(true);
    const root = sink.raised.find((r) => r.dedupKey === `rule:any-disk:${mounts[0]}`);
    expect(root?.title).toBe(`Disk in use: ${mounts[0]}`);
    expect(root?.context.mount).toBe(mounts[0]);
    expect(
      t.ruleEngine
        .status("any-disk")
        .subjects.map((s) => s.subject)
        .sort(),
    ).toEqual([...mounts].sort());
  });

  test("a process-absent rule fires when the process is killed and closes its alert when it runs again", async () => {
    const sleeper = uniqueSleeper();
    const first = sleeper.spawn();
    const { t, sink } = await startEngine([
      { id: "sleeper", name: "Sleeper down", condition: { type: "process_absent", name: sleeper.name } },
    ]);
    // The engine subscribes to the process table; the hub reads it only while someone does.
    await until(
      "the rule engine",
      () => t.metrics.watchingProcesses && t.ruleEngine.status("sleeper").value === 1,
      15_000,
    );
    expect(sink.raised).toEqual([]);
    first.kill("SIGKILL");
    await first.exited;
    await until("the rule engine", () => sink.raisedFor("rule:sleeper").length === 1, 15_000);
    expect(sink.raised[0]?.description).toBe(`No process named ${sleeper.name} is running.`);
    expect(t.ruleEngine.status("sleeper").state).toBe("firing");
    sleeper.spawn();
    await until("the rule engine", () => sink.closed.length === 1, 15_000);
    expect(sink.closed[0]).toEqual({ dedupKey: "rule:sleeper", reason: "The condition recovered." });
    expect(t.ruleEngine.status("sleeper").state).toBe("ok");
    // Without process rules nobody asks for the process table any more: the hub stops reading it.
    await t.ruleEngine.stop();
    expect(t.bus.subscribers("processes")).toBe(0);
  });

  test("a new listening port fires against the baseline and closes when the socket goes away", async () => {
    const listen = () => Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const before = listen();
    cleanups.push(() => before.stop(true));
    const { t, sink } = await startEngine([
      { id: "new-port", name: "New port", condition: { type: "new_listening_port" } },
    ]);
    const listener = listen();
    cleanups.push(() => listener.stop(true));
    const key = `rule:new-port:tcp:127.0.0.1:${listener.port}`;
    await until("the rule engine", () => sink.raisedFor(key).length === 1, 15_000);
    const raised = sink.raisedFor(key)[0];
    expect(raised?.title).toBe(`New port: tcp 127.0.0.1:${listener.port}`);
    expect(raised?.context.socket).toMatchObject({
      protocol: "tcp",
      address: "127.0.0.1",
      port: listener.port,
      pid: process.pid,
    });
    // What listened when the engine started is the baseline: never reported.
    expect(sink.raisedFor(`rule:new-port:tcp:127.0.0.1:${before.port}`)).toEqual([]);
    listener.stop(true);
    await until("the rule engine", () => sink.closed.some((c) => c.dedupKey === key), 15_000);
    expect(t.ruleEngine.status("new-port").subjects.map((s) => s.subject)).not.toContain(key.slice(14));
  });

  test("a failing alert write is logged and retried, and evaluation goes on", async () => {
    const failing = new RecordingSink();
    failing.raise = async (input) => {
      failing.raised.push(input);
      throw new Error("alerts store unavailable");
    };
    const { t } = await startEngine(
      [
        {
          id: "always",
          name: "Always",
          condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
          renotifySeconds: 1,
        },
      ],
      failing,
    );
    await until("the rule engine", () => failing.raised.length >= 2, 15_000);
    await t.ruleEngine.settled();
    // The same alert, tried again: the queue keeps it until it is stored.
    expect(failing.raised[1]?.dedupKey).toBe(failing.raised[0]?.dedupKey as string);
    expect(t.alertQueue.stats().failures).toBeGreaterThanOrEqual(2);
    expect(t.logs.some((l) => l.includes("alert write failed, will retry"))).toBe(true);
  });

  test("rules from the configuration are hot-reloaded: a removed rule closes its alert, a new one starts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-rule-config-"));
    mkdirSync(join(dir, "config"));
    const always = (id: string) => ({
      id,
      name: `Always ${id}`,
      condition: { type: "metric", series: "processes", operator: ">", threshold: 0 },
    });
    const write = (alerts: Tree) =>
      writeFileSync(
        join(dir, "config/security.json"),
        JSON.stringify({ monitor: { intervalMs: 250 }, alerts }),
      );
    write({ defaults: false, rules: [always("first")] });
    const log = createLogger(() => ({ level: "error", format: "json" }));
    const load = () => loadConfig({ cwd: dir, env: {} });
    const live = new LiveConfig(load(), load, log);
    const bus = new Bus();
    const hub = new MetricsHub({ bus, config: live, log });
    const sink = new RecordingSink();
    const engine = new RuleEngine({
      hub,
      bus,
      config: live,
      log,
      sink,
      host: "h",
      loadStored: async () => [],
    });
    cleanups.push(() => {
      void engine.stop();
      hub.stop();
      live.close();
      rmSync(dir, { recursive: true, force: true });
    });
    hub.start();
    await engine.start();
    await until("the rule engine", () => sink.raisedFor("rule:first").length === 1, 15_000);
    write({ defaults: true, rules: [always("second")] });
    expect(live.reload("test").status).toBe("applied");
    expect(engine.rules().map((r) => r.id)).toEqual([
      "default-cpu",
      "default-memory",
      "default-disk",
      "default-new-port",
      "second",
    ]);
    await until("the rule engine", () => sink.raisedFor("rule:second").length === 1, 15_000);
    await engine.settled();
    expect(sink.closed).toEqual([{ dedupKey: "rule:first", reason: "The rule was changed or removed." }]);
  });
});
