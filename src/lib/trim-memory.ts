// Start-up leaves the process holding every page of its executable it touched once: Bun's
// start-up code, the whole embedded module graph (~12 MiB, read in full at load, 9 MiB of it
// the libSQL addon that gets extracted), code that only ran for migrations and asset hashing.
// Those pages are clean and file-backed: the kernel may drop them at any time, yet VmRSS counts
// them until it does. releaseStartupPages() asks it to drop them now with
// madvise(MADV_PAGEOUT) (Linux >= 5.4); a page used again is read back from the file on its
// next touch. MADV_PAGEOUT never discards anonymous or dirty memory (without swap it leaves
// it alone), so it cannot change what the program computes, only where its pages are.

import { dlopen, FFIType } from "bun:ffi";
import { readFileSync } from "node:fs";

const MADV_PAGEOUT = 21;

/**
 * Pages out every private file-backed mapping of this process (the executable, the extracted
 * libSQL addon, shared libraries; pages another process also maps are skipped by the kernel).
 * Returns the bytes advised; 0 where this is not Linux or libc cannot be opened.
 */
export function releaseStartupPages(): number {
  if (process.platform !== "linux") return 0;
  let libc: ReturnType<typeof openLibc>;
  try {
    libc = openLibc();
  } catch {
    return 0;
  }
  let advised = 0;
  try {
    for (const line of readFileSync("/proc/self/maps", "utf8").split("\n")) {
      // 01a40000-0684a000 r-xp 01838000 fe:00 2254455   /usr/local/bin/warden
      const map = /^(?<from>[0-9a-f]+)-(?<to>[0-9a-f]+) [-r][-w][-x](?<kind>[ps]) \S+ \S+ \d+\s+\//.exec(
        line,
      )?.groups;
      // Only private file mappings; shared ones (the database's -shm) stay as they are.
      if (map?.kind !== "p") continue;
      const start = Number.parseInt(map.from ?? "", 16);
      const length = Number.parseInt(map.to ?? "", 16) - start;
      if (libc.symbols.madvise(start, length, MADV_PAGEOUT) === 0) advised += length;
    }
  } finally {
    libc.close();
  }
  return advised;
}

function openLibc() {
  return dlopen("libc.so.6", {
    madvise: { args: [FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i32 },
  });
}
