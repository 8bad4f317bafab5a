import { beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { build } from "../helpers/build.ts";
import { requireTools } from "../helpers/tools.ts";

const root = join(import.meta.dir, "../..");
const dist = join(root, "dist");
/** Where Debian's libc6-arm64-cross puts the arm64 loader and libraries qemu runs the binary with. */
const ARM64_SYSROOT = "/usr/aarch64-linux-gnu";

beforeAll(() => build(["bun", "run", "build"]), 240_000);

function run(command: string[], cwd = mkdtempSync(join(tmpdir(), "warden-release-"))) {
  const result = Bun.spawnSync(command, {
    cwd,
    stdout: "pipe",
    stderr: "pipe",
    env: { PATH: process.env.PATH },
  });
  return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

describe("release artefacts of bun run build", () => {
  for (const [artefact, elf] of [
    ["warden-linux-x64", "ELF 64-bit LSB executable, x86-64"],
    ["warden-linux-arm64", "ELF 64-bit LSB executable, ARM aarch64"],
  ] as const) {
    test(`${artefact}: a Linux ${elf.split(", ")[1]} executable whose .sha256 file sha256sum -c accepts`, () => {
      requireTools("file", "sha256sum");
      expect(run(["file", "-b", join(dist, artefact)]).stdout).toStartWith(elf);
      const sum = new Bun.CryptoHasher("sha256").update(readFileSync(join(dist, artefact))).digest("hex");
      expect(readFileSync(join(dist, `${artefact}.sha256`), "utf8")).toBe(`${sum}  ${artefact}\n`);
      const check = run(["sha256sum", "-c", `${artefact}.sha256`], dist);
      expect(check.stdout).toBe(`${artefact}: OK\n`);
    });
  }

  test("dist/warden is still built and is the host's artefact", () => {
    const host = `warden-linux-${process.arch}`;
    expect(readFileSync(join(dist, "warden")).equals(readFileSync(join(dist, host)))).toBe(true);
    expect(run([join(dist, "warden"), "--version"]).stdout.trim()).toBe(pkg.version);
  });

  test("the arm64 binary runs under qemu: --version, and migrate through its embedded libSQL addon", () => {
    requireTools(
      "qemu-aarch64-static",
      `${ARM64_SYSROOT}/lib/ld-linux-aarch64.so.1`,
      `${ARM64_SYSROOT}/lib/libgcc_s.so.1`,
    );
    const binary = ["qemu-aarch64-static", "-L", ARM64_SYSROOT, join(dist, "warden-linux-arm64")];
    expect(run([...binary, "--version"]).stdout.trim()).toBe(pkg.version);
    const migrated = run([...binary, "migrate", "--data-dir", "data"]);
    expect(migrated.stderr).toBe("");
    expect(migrated.stdout).toMatch(/^applied \d+ migration\(s\): 0000_audit_log, /);
  }, 60_000);
});
