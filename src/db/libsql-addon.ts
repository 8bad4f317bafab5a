// The libSQL native library (9.3 MiB) is embedded in the binary zstd-compressed (3.4 MiB) by
// scripts/build.ts, whose plugin makes libsql's loader call loadLibsqlAddon() instead of
// requiring the .node file. Bun would extract an embedded .node file to the temporary
// directory on its own; this does the same with the compressed copy: once, under a name made
// of its content hash, so every later start (and every other Warden process) loads the file
// already there. Only the binary uses this; `bun src/main.ts` loads the package's addon as is.
import { chmodSync, lstatSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The compressed library as embedded by the build. */
export interface PackedAddon {
  /** Path of the zstd file (in Bun's embedded file system). */
  path: string;
  /** Hash of the decompressed library: names the extracted file. */
  hash: string;
  /** Bytes of the decompressed library. */
  size: number;
}

/**
 * Whether `path` holds the extracted library: a regular file of the right size, owned by this
 * user and writable by nobody else (the temporary directory is shared; a file of another user,
 * or one others could change, is never loaded).
 */
function extracted(path: string, size: number): boolean {
  try {
    const stat = lstatSync(path);
    return (
      stat.isFile() && stat.size === size && stat.uid === process.getuid?.() && (stat.mode & 0o022) === 0
    );
  } catch {
    return false;
  }
}

/**
 * The path of the decompressed library in the temporary directory, written there first when it
 * is missing (decompressed, written under a private name, then renamed into place, so a
 * concurrent start never sees half a file). Throws when the directory is not writable.
 */
export function extractLibsqlAddon(packed: PackedAddon, dir = tmpdir()): string {
  const path = join(dir, `.warden-libsql-${process.getuid?.() ?? 0}-${packed.hash}.node`);
  if (extracted(path, packed.size)) return path;
  const bytes = Bun.zstdDecompressSync(readFileSync(packed.path));
  if (bytes.byteLength !== packed.size)
    throw new Error(
      `the embedded libSQL library decompressed to ${bytes.byteLength} bytes, not ${packed.size}`,
    );
  const partial = `${path}.${process.pid}.partial`;
  try {
    rmSync(partial, { force: true });
    writeFileSync(partial, bytes, { mode: 0o700, flag: "wx" });
    chmodSync(partial, 0o500);
    renameSync(partial, path);
  } finally {
    rmSync(partial, { force: true });
  }
  return path;
}

/** Loads the embedded libSQL library (libsql's `requireNative()` in the binary). */
export function loadLibsqlAddon(packed: PackedAddon): unknown {
  const module = { exports: {} };
  process.dlopen(module, extractLibsqlAddon(packed));
  return module.exports;
}
