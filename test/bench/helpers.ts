// Shared pieces of the benchmarks in test/bench/: build the binary, start a server on a free
// loopback port in an empty directory (or one holding only the bench admin, signed in with a
// bearer access token, for protected pages) and read its memory and CPU time; summaries and
// printing are in report.ts.
//
// Benchmarks print numbers and never fail on speed; they fail only when something is broken
// (the build fails, the server does not become ready, a request errors).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root. */
export const ROOT = join(import.meta.dir, "../..");

/**
 * The executable the benchmarks run: `--binary=PATH` or `BENCH_BINARY` (an existing build, e.g. a
 * variant to compare; nothing is built then), else where `bun scripts/build.ts` writes it.
 */
export const BINARY = stringOption("binary", "BENCH_BINARY") ?? join(ROOT, "dist/warden");

/** Loopback only: the benchmarks never listen on or talk to anything else. */
export const HOST = "127.0.0.1";

/** Environment that turns the per-IP rate limiter off, for benchmarks that send thousands of requests. */
export const NO_RATE_LIMIT = { WARDEN_RATELIMIT_ENABLED: "false" } as const;

/** The admin every benchmark server has, created with `warden user create` before it starts. */
export const BENCH_USER = {
  email: "bench@example.test",
  username: "bench",
  password: "bench-password-123456",
} as const;

/** Access tokens live an hour (default 15 min) on benchmark servers, so none expires mid-run. */
export const LONG_ACCESS_TOKENS = { WARDEN_SECURITY_ACCESSTOKENTTLSECONDS: "3600" } as const;

/** True when `--no-build` or `--binary` was passed, or `BENCH_NO_BUILD=1` or `BENCH_BINARY` is set. */
export function buildSkipped(): boolean {
  return (
    process.argv.includes("--no-build") ||
    process.env.BENCH_NO_BUILD === "1" ||
    stringOption("binary", "BENCH_BINARY") !== undefined
  );
}

/** The value of `--name=V` or `--name V` on the command line, else of the environment variable `env`. */
export function stringOption(name: string, env: string): string | undefined {
  const args = process.argv;
  const flag = args.find((arg) => arg.startsWith(`--${name}=`));
  if (flag) return flag.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  const next = at >= 0 ? args[at + 1] : undefined;
  if (next !== undefined && !next.startsWith("--")) return next;
  return process.env[env];
}

/** The positive integer value of `--name=N` / `--name N` or of the environment variable `env`, else `fallback`. */
export function intOption(name: string, env: string, fallback: number): number {
  const raw = stringOption(name, env);
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

/** The outcome of {@link ensureBinary}. */
export interface BinaryInfo {
  path: string;
  sizeBytes: number;
  /** Wall time of `bun scripts/build.ts` (vendor copy included); undefined when the build was skipped. */
  buildMs?: number;
}

/** Waits for a child started with piped output: its stdout, its stderr and its exit code. */
async function outputOf(proc: {
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  exited: Promise<number>;
}): Promise<[string, string, number]> {
  return Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
}

/**
 * Builds dist/warden with `bun scripts/build.ts`, unless the build is skipped
 * ({@link buildSkipped}) and the binary already exists. Throws when the build fails.
 */
export async function ensureBinary(): Promise<BinaryInfo> {
  if (buildSkipped() && existsSync(BINARY)) return { path: BINARY, sizeBytes: statSync(BINARY).size };
  if (BINARY !== join(ROOT, "dist/warden")) throw new Error(`${BINARY} (--binary) does not exist`);
  const started = performance.now();
  const build = Bun.spawn(["bun", join(ROOT, "scripts/build.ts")], {
    cwd: ROOT,
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, exitCode] = await outputOf(build);
  const buildMs = performance.now() - started;
  if (exitCode !== 0) throw new Error(`bun scripts/build.ts failed (exit ${exitCode}):\n${stdout}${stderr}`);
  return { path: BINARY, sizeBytes: statSync(BINARY).size, buildMs };
}

/** A TCP port on 127.0.0.1 that nothing listened on a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === "object") resolve(address.port);
        else reject(new Error("could not read the port of a probe socket"));
      });
    });
  });
}

/** How to run Warden: the compiled binary or `bun src/main.ts` from the source tree. */
export type ServerKind = "binary" | "dev";

/**
 * The command line of `warden <args…>` for a {@link ServerKind}; `dev` runs the source tree at
 * `sourceRoot` (this one unless another, e.g. an earlier version's, is given).
 */
export function wardenCommand(kind: ServerKind, args: string[], sourceRoot = ROOT): string[] {
  return kind === "binary" ? [BINARY, ...args] : [process.execPath, join(sourceRoot, "src/main.ts"), ...args];
}

/** A Warden server started by {@link startServer}. */
export interface RunningServer {
  kind: ServerKind;
  pid: number;
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The directory the server runs in (empty before it started). */
  workDir: string;
  /** Milliseconds from spawning the process to the first 200 from `GET /readyz`. */
  readyMs: number;
  /**
   * Sends SIGTERM and waits for the exit; throws on a non-zero exit. Returns the milliseconds
   * from the signal to the exit and the CPU time (user + system) the process used in its life.
   */
  stop(): Promise<{ ms: number; cpuMs: number }>;
  /** The server's stdout and stderr so far. */
  log(): string;
}

/** Options of {@link startServer}. */
export interface StartOptions {
  /** Directory to run in; a fresh empty one (under a fresh temporary base) when omitted. */
  workDir?: string;
  /** Extra environment variables (WARDEN_* inherited from the caller are dropped first). */
  env?: Record<string, string>;
  /** Milliseconds between two `/readyz` polls. */
  pollMs?: number;
  /** Give up when not ready after this many milliseconds. */
  timeoutMs?: number;
  /** With kind `dev`: the source tree to run (this one by default). */
  sourceRoot?: string;
}

/** A fresh temporary base directory holding an empty `work/` directory. */
export function freshWorkDir(): { base: string; workDir: string } {
  const base = mkdtempSync(join(tmpdir(), "warden-bench-"));
  const workDir = join(base, "work");
  mkdirSync(workDir);
  return { base, workDir };
}

/** Removes a directory made by {@link freshWorkDir}. */
export function removeDir(path: string): void {
  rmSync(path, { recursive: true, force: true });
}

/**
 * Spawns `warden serve --host 127.0.0.1 --port <free port>` in `workDir` and polls
 * `GET /readyz` until it answers 200. Output goes to `../server-<n>.log` beside `workDir`, so
 * the working directory starts empty and the data directory (`./data`) is created by Warden.
 */
export async function startServer(kind: ServerKind, options: StartOptions = {}): Promise<RunningServer> {
  const workDir = options.workDir ?? freshWorkDir().workDir;
  const pollMs = options.pollMs ?? 5;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const port = await freePort();
  const url = `http://${HOST}:${port}`;
  const logPath = join(workDir, "..", `server-${port}.log`);

  const started = performance.now();
  const { proc, log } = spawnLogged(
    wardenCommand(kind, ["serve", "--host", HOST, "--port", String(port)], options.sourceRoot),
    workDir,
    logPath,
    options.env,
  );

  try {
    await waitForOk(`${url}/readyz`, {
      pollMs,
      timeoutMs,
      alive: () => proc.exitCode === null && proc.signalCode === null,
    });
  } catch (error) {
    proc.kill("SIGKILL");
    throw new Error(`${kind} server: ${(error as Error).message}:\n${tail(log())}`);
  }
  // Counted from before the spawn, so process creation and runtime start-up are included.
  const readyMs = performance.now() - started;
  return {
    kind,
    pid: proc.pid,
    port,
    url,
    workDir,
    readyMs,
    log,
    async stop() {
      const signalled = performance.now();
      proc.kill("SIGTERM");
      const code = await proc.exited;
      const ms = performance.now() - signalled;
      if (code !== 0) throw new Error(`${kind} server exited with ${code} after SIGTERM:\n${tail(log())}`);
      const usage = proc.resourceUsage();
      return { ms, cpuMs: usage ? Number(usage.cpuTime.total) / 1000 : Number.NaN };
    },
  };
}

/**
 * Spawns `command` in `cwd` with stdin closed, stdout to `logPath` and stderr to
 * `<logPath>.err`, and this process's environment without WARDEN_* plus `env`
 * ({@link childEnv}); `log()` reads both files so far.
 */
export function spawnLogged(
  command: string[],
  cwd: string,
  logPath: string,
  env: Record<string, string> = {},
): { proc: Bun.Subprocess<"ignore", Bun.BunFile, Bun.BunFile>; log: () => string } {
  const proc = Bun.spawn(command, {
    cwd,
    env: childEnv(env),
    stdin: "ignore",
    stdout: Bun.file(logPath),
    stderr: Bun.file(`${logPath}.err`),
  });
  const log = () =>
    [logPath, `${logPath}.err`].map((path) => (existsSync(path) ? readFileSync(path, "utf8") : "")).join("");
  return { proc, log };
}

/** This process's environment without any WARDEN_* variable, plus `extra`. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env))
    if (value !== undefined && !key.startsWith("WARDEN_")) env[key] = value;
  return Object.assign(env, extra);
}

/**
 * Creates {@link BENCH_USER} as an admin in `workDir` the way an operator would, with
 * `warden user create … --password-stdin` (binary or dev command), before a server starts
 * there. Throws when the command fails.
 */
export async function createBenchAdmin(
  kind: ServerKind,
  workDir: string,
  env: Record<string, string> = {},
  sourceRoot?: string,
): Promise<void> {
  await createUserWithCli(kind, workDir, { ...BENCH_USER, role: "admin" }, env, sourceRoot);
}

/** A user for {@link createUserWithCli}. */
export interface CliUser {
  email: string;
  username: string;
  password: string;
  role: "admin" | "manager" | "analyst" | "viewer";
}

/**
 * Runs `warden user create --email … --username … --role … --password-stdin` in `workDir`
 * (before a server starts there). Throws when the command fails.
 */
export async function createUserWithCli(
  kind: ServerKind,
  workDir: string,
  user: CliUser,
  env: Record<string, string> = {},
  sourceRoot?: string,
): Promise<void> {
  const args = ["user", "create", "--email", user.email, "--username", user.username];
  const proc = Bun.spawn(
    wardenCommand(kind, [...args, "--role", user.role, "--password-stdin"], sourceRoot),
    {
      cwd: workDir,
      env: childEnv(env),
      stdin: new TextEncoder().encode(`${user.password}\n`),
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const [stdout, stderr, code] = await outputOf(proc);
  if (code !== 0) throw new Error(`warden user create (${kind}) exited with ${code}:\n${stdout}${stderr}`);
}

/** The outcome of one `POST /api/v1/auth/login`. */
export interface LoginAttempt {
  status: number;
  /** Client-side milliseconds from sending the request to the end of the answer. */
  ms: number;
  body: { accessToken?: string } & Record<string, unknown>;
}

/** Sends `POST /api/v1/auth/login {login, password}` and times it. */
export async function postLogin(
  url: string,
  login: string = BENCH_USER.username,
  password: string = BENCH_USER.password,
): Promise<LoginAttempt> {
  const sent = performance.now();
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login, password }),
  });
  const text = await response.text();
  const ms = performance.now() - sent;
  let body: LoginAttempt["body"] = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: the status says enough.
  }
  return { status: response.status, ms, body };
}

/** Signs {@link BENCH_USER} in; returns the `Authorization` header to send. Throws unless 200. */
export async function signIn(url: string): Promise<{ Authorization: string }> {
  const attempt = await postLogin(url);
  if (attempt.status !== 200 || typeof attempt.body.accessToken !== "string")
    throw new Error(
      `sign-in as ${BENCH_USER.username} answered ${attempt.status}: ${JSON.stringify(attempt.body)}`,
    );
  return { Authorization: `Bearer ${attempt.body.accessToken}` };
}

/** A server started by {@link startSignedInServer}, with the bench admin's bearer header. */
export interface SignedInServer extends RunningServer {
  /** `{ Authorization: "Bearer <access JWT>" }` of {@link BENCH_USER}. */
  auth: { Authorization: string };
}

/**
 * {@link startServer} in a (fresh) work directory where {@link BENCH_USER} was created first
 * with the same kind of command, with hour-long access tokens ({@link LONG_ACCESS_TOKENS}).
 * Nobody is signed in yet: see {@link signInTo} and {@link startSignedInServer}.
 */
export async function startServerWithAdmin(
  kind: ServerKind,
  options: StartOptions = {},
): Promise<RunningServer> {
  const workDir = options.workDir ?? freshWorkDir().workDir;
  const env = { ...LONG_ACCESS_TOKENS, ...options.env };
  await createBenchAdmin(kind, workDir, env, options.sourceRoot);
  return startServer(kind, { ...options, workDir, env });
}

/** Signs {@link BENCH_USER} in to a server from {@link startServerWithAdmin}; stops it when that fails. */
export async function signInTo(server: RunningServer): Promise<SignedInServer> {
  try {
    return { ...server, auth: await signIn(server.url) };
  } catch (error) {
    await server.stop().catch(() => undefined);
    throw error;
  }
}

/** {@link startServerWithAdmin}, then {@link signInTo}: a server to benchmark protected routes of. */
export async function startSignedInServer(
  kind: ServerKind,
  options: StartOptions = {},
): Promise<SignedInServer> {
  return signInTo(await startServerWithAdmin(kind, options));
}

/**
 * Polls `url` every `pollMs` until it answers 200; resolves with the milliseconds waited.
 * Throws when `alive()` turns false (the server died) or after `timeoutMs`.
 */
export async function waitForOk(
  url: string,
  options: { pollMs?: number; timeoutMs?: number; alive?: () => boolean } = {},
): Promise<number> {
  const { pollMs = 5, timeoutMs = 20_000, alive = () => true } = options;
  const started = performance.now();
  for (;;) {
    if (!alive()) throw new Error(`exited before ${url} answered 200`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now() - started;
    } catch {
      // Not listening yet: connection refused.
    }
    if (performance.now() - started > timeoutMs)
      throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await Bun.sleep(pollMs);
  }
}

function tail(text: string, lines = 20): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/**
 * Memory of a process in MiB. What it costs is `anonMiB` (RssAnon: heaps, stacks, JIT code,
 * allocator caches; only the process can give it back) and `pssMiB` (PSS: every resident page
 * divided by the number of processes mapping it). `rssMiB` (VmRSS) also counts the clean pages
 * of the executable and libraries it touched (`fileMiB`), which the kernel drops whenever it
 * needs the memory and reads back on the next touch.
 */
export interface Memory {
  /** Current resident set (VmRSS) = anonMiB + fileMiB + shmemMiB. */
  rssMiB: number;
  /** Peak resident set (VmHWM). */
  peakMiB: number;
  /** Anonymous resident memory (RssAnon). */
  anonMiB: number;
  /** Resident pages of mapped files, mostly the executable itself (RssFile). */
  fileMiB: number;
  /** Resident shared memory (RssShmem). */
  shmemMiB: number;
  /** Proportional set size (Pss of /proc/<pid>/smaps_rollup); NaN where the kernel has no smaps_rollup. */
  pssMiB: number;
  threads: number;
}

/** Reads VmRSS, VmHWM, RssAnon, RssFile, RssShmem and Threads (/proc/<pid>/status) and PSS (smaps_rollup) of a live process. */
export function readMemory(pid: number): Memory {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (text: string, name: string): number =>
    Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? Number.NaN);
  const field = (name: string): number => {
    const value = kib(status, name);
    if (Number.isNaN(value)) throw new Error(`/proc/${pid}/status has no ${name}`);
    return value;
  };
  let rollup = "";
  try {
    rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  } catch {
    // Linux < 4.14: no PSS figure.
  }
  return {
    rssMiB: field("VmRSS") / 1024,
    peakMiB: field("VmHWM") / 1024,
    anonMiB: field("RssAnon") / 1024,
    fileMiB: field("RssFile") / 1024,
    shmemMiB: field("RssShmem") / 1024,
    pssMiB: kib(rollup, "Pss") / 1024,
    threads: field("Threads"),
  };
}

/**
 * Resets the peak resident set (VmHWM) of a process to its current VmRSS, by writing 5 to
 * /proc/<pid>/clear_refs (Linux ≥ 4.0, own processes). Returns false where that is refused.
 */
export function resetPeakMemory(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

let clockTicks: number | undefined;

function ticksToMs(ticks: number): number {
  if (clockTicks === undefined) {
    const getconf = Bun.spawnSync(["getconf", "CLK_TCK"]);
    clockTicks = Number(getconf.stdout.toString().trim()) || 100;
  }
  return (ticks * 1000) / clockTicks;
}

/** CPU time (user + system) of each thread of a live process so far, by thread id, with its name. */
export function readThreadCpu(pid: number): Map<number, { name: string; cpuMs: number }> {
  const threads = new Map<number, { name: string; cpuMs: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
    } catch {
      continue; // The thread ended meanwhile.
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    threads.set(Number(tid), { name, cpuMs: ticksToMs(Number(fields[11]) + Number(fields[12])) });
  }
  return threads;
}

/**
 * CPU time (user + system, all threads) a live process has used so far, in milliseconds, from
 * /proc/<pid>/stat. Unlike wall time it hardly changes when other work competes for the CPUs.
 */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces; count fields after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ticksToMs(Number(fields[11]) + Number(fields[12]));
}

/**
 * CPU time (user + system) of the children a live process has waited for, in milliseconds
 * (cutime + cstime of /proc/<pid>/stat): commands it ran, such as `df`.
 */
export function readChildrenCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ticksToMs(Number(fields[13]) + Number(fields[14]));
}

/** scripts/bench.ts reads these here. */
export { cpuBusy, machineFacts } from "./report.ts";
