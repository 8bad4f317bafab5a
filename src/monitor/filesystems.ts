// Filesystem usage without forking `df`: the mount table from /proc/self/mountinfo, the
// figures from statfs(2) (run on Bun's thread pool, so a slow network mount never stalls the
// sampler's ticks). The selection and the arithmetic follow `df -kPTx squashfs` as
// systeminformation's fsSize() read it before: filesystems without blocks (proc, sysfs,
// cgroup …) and squashfs images are left out, a device mounted twice is listed once, and
// in-memory filesystems (tmpfs, devtmpfs …) are listed only when their source looks like a
// device or a remote share.
import type { StatsFs } from "node:fs";
import { readFile, statfs } from "node:fs/promises";

/** One line of /proc/self/mountinfo, the fields Warden uses. */
export interface MountEntry {
  /** `major:minor` of the device. */
  device: string;
  /** Path inside the filesystem that is mounted (`/` unless a bind mount of a subtree). */
  root: string;
  mount: string;
  type: string;
  source: string;
}

/** Types `df -x squashfs` drops by name. */
const EXCLUDED_TYPES = new Set(["squashfs"]);
/** Types systeminformation treats as temporary (matched as substrings, as it does). */
const TEMPORARY_TYPES = [
  "rootfs",
  "unionfs",
  "squashfs",
  "cramfs",
  "initrd",
  "initramfs",
  "devtmpfs",
  "tmpfs",
  "udev",
  "devfs",
  "specfs",
  "appimaged",
];

/** Undoes the kernel's octal escapes in mountinfo paths (`\040` is a space). */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_, code: string) => String.fromCharCode(Number.parseInt(code, 8)));
}

/** Parses /proc/self/mountinfo (see proc(5)); malformed lines are skipped. */
export function parseMountinfo(text: string): MountEntry[] {
  const entries: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const fields = line.split(" ");
    // Optional fields end at the lone "-": fstype, source and super options follow it.
    const separator = fields.indexOf("-", 6);
    const [device, root, mount] = [fields[2], fields[3], fields[4]];
    const [type, source] = [fields[separator + 1], fields[separator + 2]];
    if (separator < 0 || !device || !root || !mount || !type || source === undefined) continue;
    entries.push({
      device,
      root: unescapeOctal(root),
      mount: unescapeOctal(mount),
      type,
      source: unescapeOctal(source),
    });
  }
  return entries;
}

/** Whether systeminformation's fsSize() listed a filesystem of this source and type. */
function listed(entry: MountEntry): boolean {
  const { source, mount, type } = entry;
  if (source.startsWith("/") || mount === "/" || source.indexOf("/") > 0 || source.indexOf(":") === 1)
    return true;
  const lower = type.toLowerCase();
  return !TEMPORARY_TYPES.some((name) => lower.includes(name));
}

/**
 * The mounts to report: squashfs dropped, then one entry per device, as df does — the one
 * mounting the filesystem's root rather than a bind mount of a subtree, then the shortest
 * mount path.
 */
export function selectMounts(entries: MountEntry[]): MountEntry[] {
  const byDevice = new Map<string, MountEntry>();
  for (const entry of entries) {
    if (EXCLUDED_TYPES.has(entry.type) || !listed(entry)) continue;
    const kept = byDevice.get(entry.device);
    if (!kept || better(entry, kept)) byDevice.set(entry.device, entry);
  }
  return [...byDevice.values()];
}

function better(candidate: MountEntry, kept: MountEntry): boolean {
  const candidateRoot = candidate.root === "/";
  if (candidateRoot !== (kept.root === "/")) return candidateRoot;
  return candidate.mount.length < kept.mount.length;
}

/**
 * Usage of one filesystem from its block counts, in bytes (`free`: free blocks, root's
 * reserve included; `available`: what unprivileged users may use, df's "Avail"); percent as
 * df computes it (2 decimals).
 */
export function usage(entry: MountEntry, counts: Pick<StatsFs, "frsize" | "blocks" | "bfree" | "bavail">) {
  const size = counts.blocks * counts.frsize;
  const used = (counts.blocks - counts.bfree) * counts.frsize;
  const free = counts.bfree * counts.frsize;
  const available = counts.bavail * counts.frsize;
  const usePercent = used + available > 0 ? Math.round((10_000 * used) / (used + available)) / 100 : 0;
  return { mount: entry.mount, fs: entry.source, type: entry.type, size, used, free, available, usePercent };
}

/**
 * Reads the usage of every mounted filesystem worth reporting. A mount statfs cannot read
 * (permission, vanished meanwhile) is left out; one without blocks is a pseudo filesystem.
 */
export async function readFilesystems(mountinfoPath = "/proc/self/mountinfo") {
  const mounts = selectMounts(parseMountinfo(await readFile(mountinfoPath, "utf8")));
  const read = await Promise.all(
    mounts.map((entry) =>
      statfs(entry.mount).then(
        (counts) => (counts.blocks > 0 ? usage(entry, counts) : null),
        () => null,
      ),
    ),
  );
  return read.filter((entry) => entry !== null);
}
