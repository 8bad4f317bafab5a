import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTools } from "./tools.ts";

/** A small tmpfs mounted for a test (the tests run as root, as CI does). */
export interface SmallDisk {
  path: string;
  unmount(): void;
}

function run(args: string[]): void {
  const result = Bun.spawnSync(args, { stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0)
    throw new Error(
      `${args.join(" ")} failed (${result.exitCode}): ${result.stderr.toString()} — these tests run as root (as CI does), chattr on an ext2/3/4 temporary directory`,
    );
}

/** Mounts a tmpfs of `megabytes` MiB on a new temporary directory; `unmount` removes the directory too. */
export function mountSmallDisk(megabytes: number): SmallDisk {
  requireTools("mount", "umount", "dd");
  const path = mkdtempSync(join(tmpdir(), "warden-disk-"));
  mkdirSync(path, { recursive: true });
  run(["mount", "-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", path]);
  return {
    path,
    unmount: () => {
      run(["umount", "-l", path]);
      rmSync(path, { recursive: true, force: true });
    },
  };
}

/**
 * Makes files immutable (`chattr +i`) or writable again: writes through descriptors already
 * open fail too, even for root, as on a file system remounted read-only.
 */
export function setImmutable(paths: string[], on: boolean): void {
  requireTools("chattr");
  run(["chattr", on ? "+i" : "-i", ...paths]);
}
