/**
 * scripts/install-test-deps.sh, run against stand-ins: a PATH of fake apt-get, sudo and id
 * that only log what they are asked, so nothing is installed while the test runs.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { TEST_TOOLS } from "../helpers/tools.ts";

const root = join(import.meta.dir, "../..");
const script = join(root, "scripts/install-test-deps.sh");
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/**
 * A directory of stand-ins: the base tools the script uses, logging apt-get and sudo, `id -u` →
 * `uid`, and `present` as no-op programs (a path in `present`: an empty file under the directory,
 * which the script is told is the root for file entries).
 */
function fakePath(uid: number, present: string[]): { bin: string; log: string } {
  const bin = mkdtempSync(join(tmpdir(), "warden-install-"));
  dirs.push(bin);
  const log = join(bin, "calls.log");
  writeFileSync(log, "");
  for (const tool of ["bash", "dirname", "sort", "env", "cat"])
    symlinkSync(Bun.which(tool) ?? tool, join(bin, tool));
  const fake = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!${Bun.which("bash")}\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  fake("apt-get", `echo "apt-get $*" >>${log}`);
  fake("sudo", `echo "sudo" >>${log}; exec "$@"`);
  fake("id", `echo ${uid}`);
  for (const tool of present) {
    if (!tool.startsWith("/")) fake(tool, "exit 0");
    else {
      mkdirSync(join(bin, dirname(tool)), { recursive: true });
      writeFileSync(join(bin, tool), "");
    }
  }
  return { bin, log };
}

function run(bin: string, ...args: string[]) {
  return Bun.spawnSync([Bun.which("bash") ?? "bash", script, ...args], {
    env: { PATH: bin, TOOLS_ROOT: bin },
    stdout: "pipe",
    stderr: "pipe",
  });
}

describe("scripts/install-test-deps.sh", () => {
  test("is valid bash", () => {
    expect(Bun.spawnSync(["bash", "-n", script]).exitCode).toBe(0);
  });

  test("lists the browser, desktop, file-system fault and install tools with their Debian packages", () => {
    expect(new Set(TEST_TOOLS.values())).toEqual(
      new Set([
        "chromium",
        "xvfb",
        "openbox",
        "xterm",
        "wmctrl",
        "xdotool",
        "x11-utils",
        "openssl",
        "curl",
        "mount",
        "e2fsprogs",
        "prometheus",
        "file",
        "qemu-user-static",
        "libc6-arm64-cross",
        "libgcc-s1-arm64-cross",
        "systemd",
      ]),
    );
  });

  test("as root: apt-get update, then one install of the missing packages only", () => {
    const { bin, log } = fakePath(0, [
      "chromium",
      "openbox",
      "openssl",
      "curl",
      "mount",
      "umount",
      "chattr",
      "prometheus",
      "promtool",
      "file",
      "systemd-analyze",
      "/usr/aarch64-linux-gnu/lib/libgcc_s.so.1",
    ]);
    const result = run(bin, "packages");
    expect(result.exitCode).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "apt-get update -qq",
      "apt-get install -y -qq libc6-arm64-cross qemu-user-static wmctrl x11-utils xdotool xterm xvfb",
    ]);
  });

  test("not root: through sudo, with DEBIAN_FRONTEND reaching apt-get", () => {
    const { bin, log } = fakePath(
      1000,
      [...TEST_TOOLS.keys()].filter((tool) => tool !== "xterm"),
    );
    writeFileSync(
      join(bin, "apt-get"),
      `#!${Bun.which("bash")}\necho "apt-get $* [$DEBIAN_FRONTEND]" >>${log}\n`,
    );
    expect(run(bin, "packages").exitCode).toBe(0);
    expect(readFileSync(log, "utf8").trim().split("\n")).toEqual([
      "sudo",
      "apt-get update -qq []",
      "sudo",
      "apt-get install -y -qq xterm [noninteractive]",
    ]);
  });

  test("nothing missing: apt-get is not run at all", () => {
    const { bin, log } = fakePath(0, [...TEST_TOOLS.keys()]);
    expect(run(bin, "packages").exitCode).toBe(0);
    expect(readFileSync(log, "utf8")).toBe("");
  });

  test("an unknown part is refused", () => {
    const { bin } = fakePath(0, []);
    const result = run(bin, "everything");
    expect(result.exitCode).toBe(2);
    expect(result.stderr.toString()).toContain("unknown part: everything");
  });
});
