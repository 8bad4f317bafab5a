// Start-up leaves the process holding every page of its executable it touched once: Bun's
// start-up code, the whole embedded module graph (~12 MiB, read in full at load, 9 MiB of it
// the libSQL addon that gets extracted), code that only ran for migrations and asset hashing.
// Those pages are clean and file-backed: the kernel may drop them at any time, yet VmRSS counts
// them until it does. releaseStartupPages() asks it to drop them now with
// madvise(MADV_PAGEOUT) (Linux >= 5.4); a page used again is read back from the file on its
// next touch. MADV_PAGEOUT never discards anonymous or dirty memory (without swap it leaves
// it alone), so it cannot change what the program computes, only where its pages are.
//
// Two things decide how much comes back. A page still in the page cache is mapped again with
// its neighbours (fault-around, whole large folios), so the cached pages of Warden's own files
// (the executable, and the libSQL addon Bun extracts into the temporary directory) that no
// process maps are dropped too (POSIX_FADV_DONTNEED). And a mapping read back one fault at a
// time with read-ahead would map megabytes per fault, so the mappings are marked MADV_RANDOM
// first. An own file written just before (the addon on a first run, a binary just built) is
// still dirty and could be neither paged out nor dropped: it is synced first. A system
// library's cache serves every program on the machine, so its pages are only paged out. On a
// tmpfs temporary directory the addon's pages are memory, not cache, and stay.

import { dlopen, FFIType } from "bun:ffi";
import { readFileSync, realpathSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";

const MADV_RANDOM = 1;
const MADV_PAGEOUT = 21;
const POSIX_FADV_DONTNEED = 4;
/**
 * Bytes of a file released at a time. Paging out and dropping ~130 MiB in one go kept the event
 * loop from running for ~160 ms; 4 MiB at a time, between turns of the loop, takes up to ~13 ms.
 * The loop's longest gap during a release is still 20–50 ms: its own code read back from disk.
 */
const CHUNK_BYTES = 4 * 2 ** 20;

/** A private file mapping of this process, from /proc/self/maps. */
interface FileMapping {
  start: number;
  length: number;
  /** Where in the file the mapping starts. */
  offset: number;
}

/**
 * Pages out every private file mapping of this process (the executable, the extracted
 * libSQL addon, shared libraries; pages another process also maps are skipped by the kernel)
 * and drops the cached pages of Warden's own files that no process maps. Works through each
 * file a few MiB at a time, letting the event loop run in between. Resolves with the bytes
 * advised; 0 where this is not Linux or libc cannot be opened.
 */
export async function releaseStartupPages(): Promise<number> {
  if (process.platform !== "linux") return 0;
  let libc: ReturnType<typeof openLibc>;
  try {
    libc = openLibc();
  } catch {
    return 0;
  }
  let advised = 0;
  try {
    const own = ownFiles();
    // The mappings are read once; one unmapped meanwhile only makes its madvise calls fail.
    for (const [path, mappings] of privateFileMappings())
      advised += await releaseFile(libc, path, mappings, own(path));
  } finally {
    libc.close();
  }
  return advised;
}

/** Releases one file's mappings (and, for an own file, its cache); returns the bytes advised. */
async function releaseFile(
  libc: ReturnType<typeof openLibc>,
  path: string,
  mappings: FileMapping[],
  own: boolean,
): Promise<number> {
  // An own file that cannot be opened (deleted) is still paged out.
  const file = own ? await open(path, "r").catch(() => undefined) : undefined;
  let advised = 0;
  try {
    await file?.datasync().catch(() => undefined);
    const fileBytes = (await file?.stat().catch(() => undefined))?.size ?? 0;
    const end = Math.max(fileBytes, ...mappings.map((mapping) => mapping.offset + mapping.length));
    for (const { start, length } of mappings) libc.symbols.madvise(start, length, MADV_RANDOM);
    // Each stretch of the file is paged out and dropped from the cache together, so no page is
    // faulted back in from the cache in between.
    for (let from = 0; from < end; from += CHUNK_BYTES) {
      for (const { start, length, offset } of mappings) {
        const first = Math.max(from, offset);
        const bytes = Math.min(from + CHUNK_BYTES, offset + length) - first;
        if (bytes > 0 && libc.symbols.madvise(start + first - offset, bytes, MADV_PAGEOUT) === 0)
          advised += bytes;
      }
      if (file) libc.symbols.posix_fadvise(file.fd, from, CHUNK_BYTES, POSIX_FADV_DONTNEED);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await file?.close();
  }
  return advised;
}

/** Whether a mapped file is Warden's own: the executable, or extracted into the temporary directory. */
function ownFiles(): (path: string) => boolean {
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  const executable = real(process.execPath);
  const temporary = `${real(tmpdir())}/`;
  return (path) => path === executable || path.startsWith(temporary);
}

/** Private file mappings by path; shared ones (the database's -shm) stay as they are. */
function privateFileMappings(): Map<string, FileMapping[]> {
  const byPath = new Map<string, FileMapping[]>();
  for (const line of readFileSync("/proc/self/maps", "utf8").split("\n")) {
    // 01a40000-0684a000 r-xp 01838000 fe:00 2254455   /usr/local/bin/warden
    const map =
      /^(?<from>[0-9a-f]+)-(?<to>[0-9a-f]+) [-r][-w][-x]p (?<offset>[0-9a-f]+) \S+ \d+\s+(?<path>\/.*)$/.exec(
        line,
      )?.groups;
    if (!map?.path) continue;
    const start = Number.parseInt(map.from ?? "", 16);
    const mapping = {
      start,
      length: Number.parseInt(map.to ?? "", 16) - start,
      offset: Number.parseInt(map.offset ?? "", 16),
    };
    const list = byPath.get(map.path);
    if (list) list.push(mapping);
    else byPath.set(map.path, [mapping]);
  }
  return byPath;
}

function openLibc() {
  return dlopen("libc.so.6", {
    madvise: { args: [FFIType.ptr, FFIType.u64, FFIType.i32], returns: FFIType.i32 },
    posix_fadvise: { args: [FFIType.i32, FFIType.i64, FFIType.i64, FFIType.i32], returns: FFIType.i32 },
  });
}
