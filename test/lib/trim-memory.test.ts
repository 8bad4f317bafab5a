import { expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { releaseStartupPages } from "../../src/lib/trim-memory.ts";

const rssFileKiB = () => Number(/^RssFile:\s+(\d+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);

// The test runner's executable is usually mapped by other bun processes too, and the kernel
// leaves pages another process maps alone, so only "not more" can be asserted here; the
// binary's drop is measured by test/bench/rss.bench.ts and live.bench.ts.
test.if(process.platform === "linux")(
  "releaseStartupPages advises the file mappings; code keeps running",
  async () => {
    const before = rssFileKiB();
    expect(releaseStartupPages()).toBeGreaterThan(0);
    expect(rssFileKiB()).toBeLessThanOrEqual(before);
    // Pages needed again come back from the file on their next touch.
    expect(JSON.parse(JSON.stringify({ ok: [1, 2, 3] }))).toEqual({ ok: [1, 2, 3] });
    expect(await new Response("still fine").text()).toBe("still fine");
  },
);
