import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { IS_COMPILED } from "../lib/paths.ts";
import { CommandFailed, UsageError } from "./args.ts";
import {
  DEFAULT_SERVICE,
  GRANTS,
  type Grant,
  renderUnit,
  type ServiceOptions,
  serviceProblems,
} from "./service-unit.ts";

/** Where the unit is written, inside the root. */
const UNIT_PATH = "/etc/systemd/system/warden.service";

/** One step of the installation: what it does (printed first) and doing it. */
interface Step {
  say: string;
  run: () => void;
}

/**
 * `warden install-service`: installs Warden as a hardened systemd service. Prints every step
 * first; runs them after a "y" on standard input, or at once with `--yes`; `--dry-run` prints
 * the steps and the unit and changes nothing. `--root DIR` installs into DIR (a system image,
 * a test) and runs no command against the live system.
 */
export async function installServiceCommand(argv: string[]): Promise<void> {
  const flags = parseInstallFlags(argv);
  const steps = planSteps(flags);
  console.log(`warden install-service${flags.root ? ` into ${flags.root}` : ""} will:`);
  for (const [i, step] of steps.entries()) console.log(`  ${i + 1}. ${step.say}`);
  if (flags.dryRun) {
    console.log(`\n${UNIT_PATH}:\n${renderUnit(flags.options)}\n(dry run: nothing was changed)`);
    return;
  }
  if (!flags.yes && !(await confirmed())) throw new CommandFailed("not confirmed; nothing was changed");
  for (const step of steps) step.run();
  console.log(
    flags.root
      ? `installed into ${flags.root}`
      : `installed; start it with: systemctl start warden (logs: journalctl -u warden)`,
  );
}

/** A wrong `install-service` command line. */
const usage = (message: string) => new UsageError(message, "install-service");

/** The parsed command line of `install-service`. */
function parseInstallFlags(argv: string[]) {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        binary: { type: "string" },
        user: { type: "string" },
        "data-dir": { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        grant: { type: "string" },
        display: { type: "string" },
        xauthority: { type: "string" },
        root: { type: "string" },
        yes: { type: "boolean" },
        "dry-run": { type: "boolean" },
      },
    }).values;
  } catch (error) {
    throw usage((error as Error).message.split("\n")[0] ?? "invalid arguments");
  }
  const text = (name: string) => values[name] as string | undefined;
  const port = Number(text("port") ?? DEFAULT_SERVICE.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw usage(`--port must be a whole number from 1 to 65535, got "${text("port")}"`);
  const grants = (text("grant") ?? "").split(",").filter(Boolean);
  const unknown = grants.find((g) => !(g in GRANTS));
  if (unknown)
    throw usage(`--grant takes ${Object.keys(GRANTS).join(", ")} (comma-separated), got "${unknown}"`);
  const options: ServiceOptions = {
    binary: text("binary") ?? DEFAULT_SERVICE.binary,
    user: text("user") ?? DEFAULT_SERVICE.user,
    dataDir: text("data-dir") ?? DEFAULT_SERVICE.dataDir,
    host: text("host") ?? DEFAULT_SERVICE.host,
    port,
    grants: [...new Set(grants as Grant[])],
    display: text("display") ?? null,
    xauthority: text("xauthority") ?? null,
  };
  const problems = serviceProblems(options);
  if (problems.length > 0) throw usage(problems.join("; "));
  const root = text("root");
  return {
    options,
    /** Everything is written below this directory instead of `/` (systemd's `--root`). */
    root: root === undefined ? null : resolve(root),
    yes: values.yes === true,
    dryRun: values["dry-run"] === true,
  };
}

/** The steps, each only when needed (an existing user is kept, a binary in place is not copied). */
function planSteps({ options, root, dryRun }: ReturnType<typeof parseInstallFlags>): Step[] {
  const at = (path: string) => (root ? join(root, path) : path);
  if (!root && !dryRun && process.getuid?.() !== 0)
    throw new CommandFailed("install-service changes the system: run it as root (sudo), or try --dry-run");
  const steps: Step[] = [];
  const binary = at(options.binary);
  if (IS_COMPILED && resolve(process.execPath) !== binary) {
    steps.push({
      say: `copy this binary (${process.execPath}) to ${binary}`,
      run: () => {
        mkdirSync(dirname(binary), { recursive: true });
        copyFileSync(process.execPath, binary);
        chmodSync(binary, 0o755);
      },
    });
  } else if (!existsSync(binary)) {
    throw new CommandFailed(
      `${binary} does not exist: build the binary (bun run build) and run install-service from it, or pass --binary`,
    );
  }
  if (userId(options.user, root) === null) {
    const prefix = root ? ["--prefix", root] : [];
    steps.push({
      say: `create the system user ${options.user} (useradd --system, no login shell, no home directory)`,
      run: () =>
        runCommand([
          "useradd",
          ...prefix,
          "--system",
          "--user-group",
          "--home-dir",
          options.dataDir,
          "--no-create-home",
          "--shell",
          "/usr/sbin/nologin",
          options.user,
        ]),
    });
  }
  const dataDir = at(options.dataDir);
  steps.push({
    say: `create the data directory ${dataDir} (mode 0750, owned by ${options.user})`,
    run: () => {
      mkdirSync(dirname(dataDir), { recursive: true });
      mkdirSync(dataDir, { recursive: true });
      chmodSync(dataDir, 0o750);
      const ids = userId(options.user, root);
      if (!ids) throw new CommandFailed(`the user ${options.user} was not created`);
      chownSync(dataDir, ids.uid, ids.gid);
    },
  });
  const unit = at(UNIT_PATH);
  steps.push({
    say: `${existsSync(unit) ? "replace" : "write"} the unit ${unit} (--dry-run prints it)`,
    run: () => {
      mkdirSync(dirname(unit), { recursive: true });
      writeFileSync(unit, renderUnit(options), { mode: 0o644 });
    },
  });
  if (root) {
    steps.push({
      say: `enable warden.service in ${root} (systemctl --root … enable)`,
      run: () => runCommand(["systemctl", `--root=${root}`, "enable", "warden.service"]),
    });
  } else if (existsSync("/run/systemd/system")) {
    steps.push({
      say: "reload systemd (systemctl daemon-reload)",
      run: () => runCommand(["systemctl", "daemon-reload"]),
    });
    steps.push({
      say: "enable warden.service at boot (systemctl enable)",
      run: () => runCommand(["systemctl", "enable", "warden.service"]),
    });
  } else {
    steps.push({
      say: "systemd is not running here: skip daemon-reload and enable (run them where it runs)",
      run: () => undefined,
    });
  }
  return steps;
}

/** The uid and gid of `name` in the root's /etc/passwd (the live system's without a root), or null. */
function userId(name: string, root: string | null): { uid: number; gid: number } | null {
  const passwd = root ? join(root, "etc/passwd") : "/etc/passwd";
  if (!existsSync(passwd)) return null;
  for (const line of readFileSync(passwd, "utf8").split("\n")) {
    const [user, , uid, gid] = line.split(":");
    if (user === name) return { uid: Number(uid), gid: Number(gid) };
  }
  return null;
}

function runCommand(command: string[]): void {
  const result = Bun.spawnSync(command, { stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0)
    throw new CommandFailed(
      `${command.join(" ")} failed (exit ${result.exitCode}): ${result.stderr.toString().trim()}`,
    );
}

/** Asks on standard output and reads one line from standard input; true for y or yes. */
async function confirmed(): Promise<boolean> {
  process.stdout.write("Proceed? [y/N] ");
  for await (const line of console) return /^\s*y(es)?\s*$/i.test(line);
  return false;
}
