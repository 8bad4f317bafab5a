import { describe, expect, test } from "bun:test";
import { ListCache } from "../../src/kit/list-cache.ts";
import { Bus } from "../../src/realtime/bus.ts";

describe("ListCache", () => {
  test("a repeated read is served from the cache; an event on the topic drops it", async () => {
    const bus = new Bus();
    const cache = new ListCache<number>(bus, "incidents");
    let reads = 0;
    const read = async () => ++reads;
    expect(await cache.read("q", read)).toBe(1);
    expect(await cache.read("q", read)).toBe(1);
    expect(await cache.read("other", read)).toBe(2);
    bus.publish("assets", "asset.updated", {});
    expect(await cache.read("q", read)).toBe(1);
    bus.publish("incidents", "incident.updated", {});
    expect(await cache.read("q", read)).toBe(3);
  });

  test("identical reads at the same time share one; a failed read is not kept; old pages are refreshed behind, then expire", async () => {
    const cache = new ListCache<number>(undefined, "incidents");
    let reads = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 20));
    expect(await Promise.all([cache.read("q", slow), cache.read("q", slow)])).toEqual([1, 1]);
    await expect(cache.read("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.read("bad", async () => 42)).toBe(42);
    // Older than a second: the old page is served while a fresh one is read in the background.
    await Bun.sleep(1050);
    expect(await cache.read("q", slow)).toBe(1);
    await Bun.sleep(40);
    expect(await cache.read("q", slow)).toBe(2);
    expect(reads).toBe(2);
    // Older than two seconds with nobody reading: the reader waits for a fresh page.
    await Bun.sleep(2050);
    expect(await cache.read("q", slow)).toBe(3);
  });

  test("a total is counted once per filter; pages of the same filter reuse it; a change or a failure drops it", async () => {
    const bus = new Bus();
    const cache = new ListCache<number>(bus, "incidents");
    let counts = 0;
    const count = async () => ++counts;
    expect(await cache.count("severity=high", count)).toBe(1);
    expect(await cache.count("severity=high", count)).toBe(1);
    expect(await cache.count("severity=low", count)).toBe(2);
    bus.publish("incidents", "incident.created", {});
    expect(await cache.count("severity=high", count)).toBe(3);
    await expect(cache.count("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.count("bad", async () => 7)).toBe(7);
  });
});
