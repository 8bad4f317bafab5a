import { beforeAll, describe, expect, test } from "bun:test";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_SERVICE, renderUnit, type ServiceOptions } from "../../src/cli/service-unit.ts";
import { build } from "../helpers/build.ts";
import { runWarden } from "../helpers/process.ts";
import { requireTools } from "../helpers/tools.ts";

const root = join(import.meta.dir, "../..");
const binary = join(root, "dist/warden");

beforeAll(() => build(), 120_000);

/** `systemd-analyze verify` of `unit` (its ExecStart pointed at the built binary, which it checks exists). */
function verify(unit: string): { code: number; stderr: string } {
  requireTools("systemd-analyze");
  const dir = mkdtempSync(join(tmpdir(), "warden-unit-"));
  writeFileSync(join(dir, "warden.service"), unit);
  const result = Bun.spawnSync(["systemd-analyze", "verify", join(dir, "warden.service")], {
    stderr: "pipe",
  });
  return { code: result.exitCode, stderr: result.stderr.toString() };
}

/** A directory to install into, with the empty account files useradd --prefix edits. */
function tempRoot(): string {
  const dir = mkdtempSync(join(tmpdir(), "warden-root-"));
  mkdirSync(join(dir, "etc"));
  for (const file of ["passwd", "group", "shadow", "gshadow"]) writeFileSync(join(dir, "etc", file), "");
  return dir;
}

const install = (args: string[], stdin?: string) =>
  runWarden(["install-service", ...args], { command: [binary], stdin });

describe("the systemd unit", () => {
  test("scripts/warden.service is the unit install-service writes by default", () => {
    expect(readFileSync(join(root, "scripts/warden.service"), "utf8")).toBe(renderUnit(DEFAULT_SERVICE));
  });

  const variants: [string, Partial<ServiceOptions>][] = [
    ["the default", {}],
    [
      "every grant, a display and a low port",
      {
        grants: ["signals", "renice", "inspect"],
        display: ":0",
        xauthority: "/home/ops/.Xauthority",
        port: 443,
      },
    ],
  ];
  for (const [name, options] of variants) {
    test(`systemd-analyze verify accepts ${name} without a warning`, () => {
      expect(verify(renderUnit({ ...DEFAULT_SERVICE, ...options, binary }))).toEqual({ code: 0, stderr: "" });
    });
  }

  test("systemd-analyze verify does flag a broken unit (the check above can fail)", () => {
    const broken = renderUnit({ ...DEFAULT_SERVICE, binary }).replace("ProtectHome=yes", "ProtectHomes=yes");
    expect(verify(broken).stderr).toContain("Unknown key 'ProtectHomes'");
  });

  test("hardened: no capability by default; each granted feature adds only its own", () => {
    const unit = renderUnit(DEFAULT_SERVICE);
    for (const line of [
      "NoNewPrivileges=yes",
      "ProtectSystem=strict",
      "ReadWritePaths=/var/lib/warden",
      "ProtectHome=yes",
      "PrivateTmp=yes",
      "CapabilityBoundingSet=\n",
      "AmbientCapabilities=\n",
      "User=warden",
    ])
      expect(unit).toContain(line);
    const granted = renderUnit({ ...DEFAULT_SERVICE, grants: ["signals", "renice"] });
    expect(granted).toContain("CapabilityBoundingSet=CAP_KILL CAP_SYS_NICE\n");
    expect(granted).toContain("AmbientCapabilities=CAP_KILL CAP_SYS_NICE\n");
    const desktop = renderUnit({ ...DEFAULT_SERVICE, display: ":0", xauthority: "/home/ops/.Xauthority" });
    expect(desktop).toContain("Environment=WARDEN_DESKTOP_DISPLAY=:0\n");
    expect(desktop).toContain("ProtectHome=read-only\n");
  });
});

describe("warden install-service --root (the compiled binary, into a temporary root)", () => {
  test("installs binary, user, data directory and unit, enables it, and leaves the live system alone", () => {
    const dir = tempRoot();
    const passwd = readFileSync("/etc/passwd", "utf8");
    const result = install(["--root", dir, "--yes", "--grant", "signals"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`1. copy this binary (${binary}) to ${dir}/usr/local/bin/warden`);
    expect(result.stdout).toContain("2. create the system user warden");
    expect(result.stdout).toContain(`installed into ${dir}`);

    expect(readFileSync(join(dir, "usr/local/bin/warden")).equals(readFileSync(binary))).toBe(true);
    expect(statSync(join(dir, "usr/local/bin/warden")).mode & 0o777).toBe(0o755);
    const account = readFileSync(join(dir, "etc/passwd"), "utf8").split(":");
    expect(account.slice(0, 1).concat(account.slice(5))).toEqual([
      "warden",
      "/var/lib/warden",
      "/usr/sbin/nologin\n",
    ]);
    const data = statSync(join(dir, "var/lib/warden"));
    expect(data.mode & 0o777).toBe(0o750);
    expect(data.uid).toBe(Number(account[2]));
    expect(statSync(join(dir, "var/lib")).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(dir, "etc/systemd/system/warden.service"), "utf8")).toBe(
      renderUnit({ ...DEFAULT_SERVICE, grants: ["signals"] }),
    );
    const wants = join(dir, "etc/systemd/system/multi-user.target.wants/warden.service");
    expect(lstatSync(wants).isSymbolicLink()).toBe(true);
    expect(readlinkSync(wants)).toBe("/etc/systemd/system/warden.service");
    expect(readFileSync("/etc/passwd", "utf8")).toBe(passwd);

    const again = install(["--root", dir, "--yes"]);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("create the system user");
    expect(again.stdout).toContain(`replace the unit ${dir}/etc/systemd/system/warden.service`);
  }, 30_000);

  test("--dry-run prints the steps and the unit and changes nothing", () => {
    const dir = tempRoot();
    const result = install(["--root", dir, "--dry-run", "--port", "443"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "ExecStart=/usr/local/bin/warden serve --data-dir /var/lib/warden --host 127.0.0.1 --port 443",
    );
    expect(result.stdout).toContain("CapabilityBoundingSet=CAP_NET_BIND_SERVICE");
    expect(result.stdout).toContain("(dry run: nothing was changed)");
    expect(readdirSync(dir)).toEqual(["etc"]);
    expect(readdirSync(join(dir, "etc")).sort()).toEqual(["group", "gshadow", "passwd", "shadow"]);
  });

  test("asks first: anything but y changes nothing; y installs", () => {
    const dir = tempRoot();
    const refused = install(["--root", dir], "n\n");
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain("Proceed? [y/N]");
    expect(refused.stderr).toBe("warden: not confirmed; nothing was changed\n");
    expect(readdirSync(dir)).toEqual(["etc"]);
    const accepted = install(["--root", dir], "y\n");
    expect(accepted.code).toBe(0);
    expect(readdirSync(join(dir, "etc/systemd/system"))).toContain("warden.service");
  });

  test("values that would change the unit's meaning are usage errors", () => {
    for (const args of [
      ["--data-dir", "/var/lib/warden\nExecStartPre=/bin/sh"],
      ["--data-dir", "relative/dir"],
      ["--user", "Root Admin"],
      ["--grant", "signals,everything"],
      ["--display", ":0 --evil"],
      ["--port", "0"],
    ]) {
      const result = install(["--root", tempRoot(), "--dry-run", ...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toStartWith("warden: ");
      expect(result.stdout).toBe("");
    }
  });
});
