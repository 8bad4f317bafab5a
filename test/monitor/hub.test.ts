import { afterEach, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { loadConfig } from "../../src/config.ts";
import { createLogger } from "../../src/lib/log.ts";
import { MetricsHub } from "../../src/monitor/hub.ts";
import { parseNetDev } from "../../src/monitor/proc.ts";
import type { Sample } from "../../src/monitor/sample.ts";
import { Bus, type BusEvent } from "../../src/realtime/bus.ts";
import { until } from "../helpers/desktop.ts";

let hub: MetricsHub | null = null;
afterEach(() => hub?.stop());

function startHub(intervalMs = 250) {
  const { config } = loadConfig({ cwd: "/tmp", env: {}, overrides: { monitor: { intervalMs } } });
  const bus = new Bus();
  const logs: string[] = [];
  hub = new MetricsHub({
    bus,
    config: { get: () => config },
    log: createLogger(
      () => ({ level: "debug", format: "json" }),
      (l) => logs.push(l),
    ),
  });
  const ticks: BusEvent[] = [];
  bus.subscribe(["metrics"], (e) => {
    if (e.name === "metrics.tick") ticks.push(e);
  });
  hub.start();
  return { hub, ticks, logs };
}

describe("metrics hub with the real sampler worker", () => {
  test("publishes a sample per tick, keeps the ring, reads host facts once", async () => {
    const { hub, ticks } = startHub();
    await until("the hub", () => ticks.length >= 4 && hub.snapshot().host !== null);
    const sample = ticks.at(-1)?.data as Sample;
    expect(sample.cpu.busy).toBeGreaterThanOrEqual(0);
    expect(sample.cpu.busy).toBeLessThanOrEqual(100);
    expect(sample.memory.total).toBe(
      Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1]) * 1024,
    );
    expect(sample.processes).toBeGreaterThan(1);
    expect(sample.cores.length).toBe(hub.snapshot().host?.cores ?? -1);
    const times = ticks.map((t) => (t.data as Sample).at);
    const gaps = times.slice(1).map((at, i) => at - (times[i] ?? at));
    for (const gap of gaps) expect(Math.abs(gap - 250)).toBeLessThan(150);
    expect(hub.recent().length).toBe(ticks.length);
  });

  test("network rates match the change of the /proc counters over the same interval", async () => {
    const { ticks } = startHub(500);
    await until("the hub", () => ticks.length >= 1);
    const before = parseNetDev(readFileSync("/proc/net/dev", "utf8"));
    const first = ticks.length;
    await until("the hub", () => ticks.length >= first + 4, 6000);
    const after = parseNetDev(readFileSync("/proc/net/dev", "utf8"));
    const bytes = [...after].reduce((s, [name, c]) => s + (c.rx - (before.get(name)?.rx ?? c.rx)), 0);
    const sampled = ticks.slice(first).reduce((s, t) => s + (t.data as Sample).network.rx * 0.5, 0);
    // Same traffic seen two ways: within 10 % or 4 KiB (idle machines move little).
    expect(Math.abs(sampled - bytes)).toBeLessThanOrEqual(Math.max(4096, bytes * 0.1));
  });

  test("a crashed worker is started again, logged, and ticks resume", async () => {
    const { hub, ticks, logs } = startHub();
    await until("the hub", () => ticks.length >= 2);
    hub.crashWorkerForTest();
    const atCrash = ticks.length;
    await until("the hub", () => ticks.length >= atCrash + 2, 6000);
    expect(hub.restarts).toBe(1);
    expect(logs.some((l) => l.includes("sampler worker stopped; starting it again"))).toBe(true);
  });
});
