import { describe, expect, test } from "bun:test";
import type { GaugeSource } from "../../src/lib/exposition.ts";
import { GaugeCache } from "../../src/monitor/gauge-cache.ts";

/** A source answering its read count, after `ms`. */
function counting(name: string, ms = 0): GaugeSource & { reads: number } {
  const source = {
    name,
    help: "Reads.",
    reads: 0,
    async read() {
      source.reads++;
      await Bun.sleep(ms);
      return [{ labels: {}, value: source.reads }];
    },
  };
  return source;
}

describe("the database gauges of /metrics", () => {
  test("are read once per period, concurrent scrapes sharing one reading", async () => {
    const source = counting("g", 20);
    const cache = new GaugeCache([source], () => undefined, 1000);
    const [a, b] = await Promise.all([cache.families(0), cache.families(10)]);
    expect(a).toBe(b);
    expect((await cache.families(999))[0]?.samples[0]?.value).toBe(1);
    expect((await cache.families(1000))[0]?.samples[0]?.value).toBe(2);
    expect(source.reads).toBe(2);
  });

  test("a source that fails is left out and reported; the others are served", async () => {
    const failing: GaugeSource = {
      name: "broken",
      help: "Fails.",
      read: () => Promise.reject(new Error("database is locked")),
    };
    const told: string[] = [];
    const cache = new GaugeCache([failing, counting("ok")], (source, error) =>
      told.push(`${source.name}: ${(error as Error).message}`),
    );
    expect((await cache.families()).map((f) => [f.name, f.type])).toEqual([["ok", "gauge"]]);
    expect(told).toEqual(["broken: database is locked"]);
  });
});
