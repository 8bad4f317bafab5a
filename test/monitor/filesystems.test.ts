import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseMountinfo, readFilesystems, selectMounts, usage } from "../../src/monitor/filesystems.ts";

const MOUNTINFO = [
  "22 27 0:21 / /proc rw,relatime - proc proc rw",
  "24 27 0:6 / /dev rw,relatime - devtmpfs devtmpfs rw,size=12334524k",
  "27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard",
  "28 27 0:25 / /mnt/tools ro,nosuid - tmpfs model_tools ro,size=4k",
  "29 27 254:0 /srv/data /data rw,relatime shared:1 - ext4 /dev/vda rw",
  "30 27 7:1 / /snap/core/1 ro,nodev - squashfs /dev/loop1 ro",
  "31 27 254:16 / /mnt/my\\040disk rw master:2 - xfs /dev/vdb rw",
  "32 27 0:40 / /mnt/share rw - nfs4 server:/export rw,vers=4.2",
  "33 27 0:41 / /run/user/0 rw - tmpfs tmpfs rw",
  "34 27 254:16 / /mnt/again rw - xfs /dev/vdb rw",
  "broken line",
  "",
].join("\n");

describe("mount table", () => {
  test("parses mountinfo, undoing octal escapes; skips malformed lines", () => {
    const entries = parseMountinfo(MOUNTINFO);
    expect(entries).toHaveLength(10);
    expect(entries[2]).toEqual({ device: "254:0", root: "/", mount: "/", type: "ext4", source: "/dev/vda" });
    expect(entries[4]).toMatchObject({ root: "/srv/data", mount: "/data", type: "ext4" });
    expect(entries[6]).toMatchObject({ mount: "/mnt/my disk", type: "xfs", source: "/dev/vdb" });
  });

  test("keeps what df -x squashfs lists, once per device, as systeminformation filtered it", () => {
    const mounts = selectMounts(parseMountinfo(MOUNTINFO)).map((m) => m.mount);
    // devtmpfs and the tmpfs ones (no device-like source) and squashfs are dropped; the bind
    // mount of /srv/data loses to /, the second mount of /dev/vdb to the shorter path. /proc
    // stays here: statfs finds no blocks on it, and readFilesystems drops it then.
    expect(mounts.sort()).toEqual(["/", "/mnt/again", "/mnt/share", "/proc"]);
  });

  test("usage follows df: used = blocks - free, percent of used + available", () => {
    const entry = { device: "254:0", root: "/", mount: "/", type: "ext4", source: "/dev/vda" };
    expect(usage(entry, { frsize: 4096, blocks: 1000, bfree: 400, bavail: 300 })).toEqual({
      mount: "/",
      fs: "/dev/vda",
      type: "ext4",
      size: 4_096_000,
      used: 2_457_600,
      free: 1_638_400,
      available: 1_228_800,
      usePercent: 66.67,
    });
    expect(usage(entry, { frsize: 4096, blocks: 0, bfree: 0, bavail: 0 }).usePercent).toBe(0);
  });
});

describe("on this machine", () => {
  test("the root filesystem matches what df reports", async () => {
    const filesystems = await readFilesystems();
    const root = filesystems.find((f) => f.mount === "/");
    const df = Bun.spawnSync(["df", "-B1", "-P", "/"], { env: { ...process.env, LC_ALL: "C" } });
    const [, line] = df.stdout.toString().trim().split("\n");
    const [source, size, used, , percent] = (line ?? "").split(/\s+/);
    expect(root?.fs).toBe(source ?? "");
    expect(root?.size).toBe(Number(size));
    // Other processes write meanwhile: within 64 MiB; df rounds its percent up to a whole one.
    expect(Math.abs((root?.used ?? 0) - Number(used))).toBeLessThan(64 * 2 ** 20);
    expect(Math.abs((root?.usePercent ?? 0) - Number.parseFloat(percent ?? ""))).toBeLessThanOrEqual(1);
    for (const f of filesystems) expect(f.size).toBeGreaterThan(0);
  });

  test("a mount table naming a vanished mount point leaves it out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-mounts-"));
    try {
      const path = join(dir, "mountinfo");
      writeFileSync(
        path,
        `27 1 254:0 / / rw - ext4 /dev/vda rw\n40 27 254:9 / ${dir}/gone rw - ext4 /dev/vdz rw\n`,
      );
      const filesystems = await readFilesystems(path);
      expect(filesystems.map((f) => f.mount)).toEqual(["/"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
