import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import * as proc from "../../src/monitor/proc.ts";

describe("/proc parsers on fixed text", () => {
  test("CPU usage from two /proc/stat readings", () => {
    const a = proc.parseStat("cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 100 0 50 800 50 0 0 0 0 0\n");
    const b = proc.parseStat("cpu  160 0 70 900 70 0 0 0 0 0\ncpu0 160 0 70 900 70 0 0 0 0 0\n");
    expect(proc.cpuUsage(a.total, b.total)).toEqual({ user: 30, system: 10, iowait: 10, idle: 50, busy: 40 });
    expect(b.cores).toHaveLength(1);
  });

  test("memory, load, network without loopback, whole disks only", () => {
    const mem = proc.parseMeminfo(
      "MemTotal: 1000 kB\nMemFree: 200 kB\nMemAvailable: 600 kB\nBuffers: 100 kB\nCached: 250 kB\nSReclaimable: 50 kB\nSwapTotal: 400 kB\nSwapFree: 300 kB\n",
    );
    expect(mem).toEqual({
      total: 1024000,
      available: 614400,
      used: 400 * 1024,
      free: 204800,
      buffers: 102400,
      cached: 307200,
      swapTotal: 409600,
      swapUsed: 102400,
    });
    expect(proc.parseLoadavg("0.50 1.25 2.00 3/456 789\n")).toEqual({ load: [0.5, 1.25, 2], running: 3 });
    const net = proc.parseNetDev(
      "Inter-|   Receive\n face |bytes\n    lo: 999 1 0 0 0 0 0 0 999 1 0 0 0 0 0 0\n  eth0: 1000 10 0 0 0 0 0 0 2000 20 0 0 0 0 0 0\n",
    );
    expect([...net]).toEqual([["eth0", { rx: 1000, tx: 2000 }]]);
    const disk = proc.parseDiskstats(
      [
        "   8       0 sda 10 0 100 0 5 0 50 0 0 0 0",
        "   8       1 sda1 10 0 100 0 5 0 50 0 0 0 0",
        "   7       0 loop0 10 0 100 0 5 0 50 0 0 0 0",
        " 259       0 nvme0n1 1 0 8 0 1 0 16 0 0 0 0",
        " 259       1 nvme0n1p1 1 0 8 0 1 0 16 0 0 0 0",
      ].join("\n"),
    );
    expect(disk).toEqual({ read: (100 + 8) * 512, written: (50 + 16) * 512 });
    expect(proc.ratePerSecond(1000, 3000, 2000)).toBe(1000);
    expect(proc.ratePerSecond(3000, 1000, 1000)).toBe(0);
  });
});

describe("accuracy against independent readings of /proc", () => {
  test("memory total and CPU busy agree with a second reading of the same interval", async () => {
    const memory = proc.parseMeminfo(readFileSync("/proc/meminfo", "utf8"));
    const independent = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1]) * 1024;
    expect(memory.total).toBe(independent);

    const rawA = readFileSync("/proc/stat", "utf8");
    await Bun.sleep(300);
    const rawB = readFileSync("/proc/stat", "utf8");
    const ours = proc.cpuUsage(proc.parseStat(rawA).total, proc.parseStat(rawB).total);
    // Independent arithmetic straight from the first line's fields.
    const fields = (text: string) =>
      (text.split("\n")[0] as string).trim().split(/\s+/).slice(1, 9).map(Number);
    const a = fields(rawA);
    const b = fields(rawB);
    const delta = b.map((v, i) => v - (a[i] ?? 0));
    const total = delta.reduce((s, v) => s + v, 0);
    const idleish = (delta[3] ?? 0) + (delta[4] ?? 0);
    const busy = total === 0 ? 0 : ((total - idleish) / total) * 100;
    expect(Math.abs(ours.busy - busy)).toBeLessThan(0.2);
  });
});
