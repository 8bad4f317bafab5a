import { afterEach, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { releaseStartupPages } from "../../src/lib/trim-memory.ts";

const linux = process.platform === "linux";
const TMPFS_MAGIC = 0x01021994;

const rssFileKiB = () => Number(/^RssFile:\s+(\d+)/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1]);

/** Resident KiB of this process's mappings of `path`, and their page size, from /proc/self/smaps. */
function mapped(path: string): { kib: number; pageKiB: number } {
  let kib = 0;
  let pageKiB = 0;
  let inside = false;
  for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
    if (/^[0-9a-f]+-[0-9a-f]+ /.test(line)) inside = line.endsWith(` ${path}`);
    else if (inside && line.startsWith("Rss:")) kib += Number(line.split(/\s+/)[1]);
    else if (inside && line.startsWith("KernelPageSize:")) pageKiB = Number(line.split(/\s+/)[1]);
  }
  return { kib, pageKiB };
}

let dir: string | undefined;
const tmpdirBefore = process.env.TMPDIR;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  if (tmpdirBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpdirBefore;
});

// The test runner's executable is usually mapped by other bun processes too, and the kernel
// leaves pages another process maps alone, so only "not more" can be asserted here; the
// binary's drop is measured by test/bench/rss.bench.ts and live.bench.ts.
test.if(linux)("releaseStartupPages advises the file mappings; code keeps running", async () => {
  const before = rssFileKiB();
  expect(await releaseStartupPages()).toBeGreaterThan(0);
  expect(rssFileKiB()).toBeLessThanOrEqual(before);
  // Pages needed again come back from the file on their next touch.
  expect(JSON.parse(JSON.stringify({ ok: [1, 2, 3] }))).toEqual({ ok: [1, 2, 3] });
  expect(await new Response("still fine").text()).toBe("still fine");
});

// Like the libSQL addon Bun extracts into $TMPDIR on a first run: a file written just before
// start-up, still dirty in the page cache, mapped privately, most of it cached but not mapped.
// The directory lives next to the tests: in a tmpfs the pages are the file itself and stay.
const checkoutOnTmpfs = linux && statfsSync(import.meta.dir).type === TMPFS_MAGIC;
test.if(linux && !checkoutOnTmpfs)(
  "a just-written file in $TMPDIR is synced and released; a page used again comes back alone",
  async () => {
    dir = mkdtempSync(join(import.meta.dir, ".trim-"));
    process.env.TMPDIR = dir;
    const path = join(dir, "addon.bin");
    writeFileSync(path, Buffer.alloc(4 << 20, 7));
    const view = Bun.mmap(path, { shared: false });
    expect(view[0]).toBe(7);
    const { kib, pageKiB } = mapped(path);
    expect(kib).toBeGreaterThan(0);

    await releaseStartupPages();
    expect(mapped(path).kib).toBe(0);

    // Not cached any more and marked random: one page, not a read-ahead window around it.
    expect(view[view.length / 2]).toBe(7);
    expect(mapped(path).kib).toBe(pageKiB);
    expect(view[view.length - 1]).toBe(7);
  },
);
