import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const MAIN = join(import.meta.dir, "../../src/main.ts");

/**
 * Environment for spawned Warden processes: development mode, JSON logs, nothing
 * inherited that could interfere. An empty value in `extra` removes that variable.
 */
export function wardenEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    WARDEN_ENV: "development",
    WARDEN_LOG_FORMAT: "json",
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === "") delete env[key];
  return env;
}

/** Runs `warden ARGS…` (from source) to completion in `cwd` (else in a temporary directory removed after). */
export function runWarden(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; command?: string[]; stdin?: string } = {},
) {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "warden-cli-"));
  try {
    const result = Bun.spawnSync([...(options.command ?? ["bun", MAIN]), ...args], {
      cwd,
      env: wardenEnv(options.env),
      stdin: options.stdin === undefined ? "ignore" : Buffer.from(options.stdin),
      stdout: "pipe",
      stderr: "pipe",
    });
    return { code: result.exitCode, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
  } finally {
    if (!options.cwd) rmSync(cwd, { recursive: true, force: true });
  }
}

/** JSON log lines read from a process's stderr as they come, and a wait for one. */
export interface FollowedLogs {
  logs: Record<string, unknown>[];
  /** Every line as written. */
  raw: string[];
  /** Resolves with the first log line (seen so far or later) that matches. */
  waitForLog(
    match: (line: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
}

/** Follows the JSON log lines of `stream` (a spawned Warden's stderr). */
export function followJsonLogs(stream: ReadableStream<Uint8Array>): FollowedLogs {
  const logs: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const raw: string[] = [];
  (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    for await (const chunk of stream) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        raw.push(line);
        try {
          logs.push(JSON.parse(line));
        } catch {
          logs.push({ msg: line, unparsed: true });
        }
        for (const wake of waiters) wake();
        newline = buffer.indexOf("\n");
      }
    }
  })();
  const waitForLog = (match: (line: Record<string, unknown>) => boolean, timeoutMs = 10_000) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const check = () => {
        const hit = logs.find(match);
        if (hit) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`log line not seen within ${timeoutMs} ms; log so far:\n${raw.join("\n")}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { logs, raw, waitForLog };
}

/** A Warden server running in its own process, with its stderr log lines. */
export interface ServerProcess extends FollowedLogs {
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  url: string;
  cwd: string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number>;
}

/**
 * Starts `warden serve --port 0` (or the binary given in `command`) in `cwd` and waits
 * until it logs the address it listens on.
 */
export async function startWarden(
  options: { cwd?: string; args?: string[]; env?: Record<string, string>; command?: string[] } = {},
): Promise<ServerProcess> {
  const cwd = options.cwd ?? mkdtempSync(join(tmpdir(), "warden-serve-"));
  const proc = Bun.spawn(
    [...(options.command ?? ["bun", MAIN]), "serve", "--port", "0", ...(options.args ?? [])],
    {
      cwd,
      env: wardenEnv(options.env),
      stdin: "ignore",
      stdout: "pipe",
      stderr: "pipe",
    },
  );
  const { logs, raw, waitForLog } = followJsonLogs(proc.stderr);
  const exited = proc.exited.then((code) => {
    throw new Error(`warden exited with ${code} before listening:\n${raw.join("\n")}`);
  });
  const listening = await Promise.race([waitForLog((l) => l.msg === "warden listening", 20_000), exited]);
  exited.catch(() => {});
  return {
    proc,
    url: String(listening.url),
    cwd,
    logs,
    raw,
    waitForLog,
    async stop() {
      proc.kill("SIGTERM");
      return await proc.exited;
    },
  };
}

/** Creates the first admin of a fresh server through setup and answers its bearer header. */
export async function setupAdmin(server: ServerProcess): Promise<Record<string, string>> {
  const admin = { email: "root@example.test", username: "root", password: "faults-password-123" };
  const setup = await fetch(`${server.url}/api/v1/auth/setup`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(admin),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const login = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: admin.username, password: admin.password }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  return { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" };
}
