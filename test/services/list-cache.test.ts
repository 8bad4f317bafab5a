import { describe, expect, test } from "bun:test";
import { ListCache } from "../../src/kit/list-cache.ts";
import { Bus } from "../../src/realtime/bus.ts";

/** A cache of the incidents topic on a bus of its own, and a reader that answers 1, 2, 3 … on each call. */
function incidentsCache() {
  const bus = new Bus();
  let calls = 0;
  return { bus, cache: new ListCache<number>(bus, "incidents"), counter: async () => ++calls };
}

describe("ListCache", () => {
  test("a repeated read is served from the cache; an event on the topic drops it", async () => {
    const { bus, cache, counter: read } = incidentsCache();
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
    const { bus, cache, counter: count } = incidentsCache();
    expect(await cache.count("severity=high", count)).toBe(1);
    expect(await cache.count("severity=high", count)).toBe(1);
    expect(await cache.count("severity=low", count)).toBe(2);
    bus.publish("incidents", "incident.created", {});
    expect(await cache.count("severity=high", count)).toBe(3);
    await expect(cache.count("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await cache.count("bad", async () => 7)).toBe(7);
  });
});
