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
  // A page and a total alike: kept per key until an event on the list's topic (not another's)
  // drops them; a failure is not kept.
  test.each([
    ["read", "a repeated read is served from the cache", "q", "other", "incident.updated"],
    [
      "count",
      "a total is counted once per filter; pages of the same filter reuse it",
      "severity=high",
      "severity=low",
      "incident.created",
    ],
  ] as const)(
    "%s: %s; an event on the topic drops it, one on another does not; a failure is not kept",
    async (method, _name, key, other, event) => {
      const { bus, cache, counter } = incidentsCache();
      const call = (at: string, read: () => Promise<number> = counter) => cache[method](at, read);
      expect(await call(key)).toBe(1);
      expect(await call(key)).toBe(1);
      expect(await call(other)).toBe(2);
      bus.publish("assets", "asset.updated", {});
      expect(await call(key)).toBe(1);
      bus.publish("incidents", event, {});
      expect(await call(key)).toBe(3);
      await expect(call("bad", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
      expect(await call("bad", async () => 7)).toBe(7);
    },
  );

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
});
