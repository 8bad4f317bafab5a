import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { enrolmentToken, type TestHub } from "./agent-client.ts";
import { type FollowedLogs, followJsonLogs, wardenEnv } from "./process.ts";

const MAIN = join(import.meta.dir, "../../src/main.ts");

/** A `warden agent` running in its own process, with its JSON log lines. */
export interface AgentProcess extends FollowedLogs {
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
}

/** Starts `warden agent ARGS…` (from source) with `dataDir` as its data dir and working directory. */
export function startAgent(args: string[], dataDir: string, env: Record<string, string> = {}): AgentProcess {
  const proc = Bun.spawn(["bun", MAIN, "agent", "--data-dir", dataDir, ...args], {
    cwd: dataDir,
    env: wardenEnv(env),
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  return { proc, ...followJsonLogs(proc.stderr) };
}

/**
 * A real agent enrolled with `hub` as `name` (its own data dir, `env` on top), added to
 * `started` (for the test to stop); its host id and data dir once connected.
 */
export async function connectAgent(
  hub: TestHub,
  started: { push(agent: AgentProcess): unknown },
  name: string,
  env: Record<string, string> = {},
): Promise<{ agent: AgentProcess; dataDir: string; hostId: string }> {
  const token = await enrolmentToken(hub.t);
  const dataDir = mkdtempSync(join(tmpdir(), "warden-agent-"));
  const agent = startAgent(["--hub", hub.served.url, "--token", token], dataDir, {
    WARDEN_AGENT_NAME: name,
    ...env,
  });
  started.push(agent);
  const line = await agent.waitForLog((l) => l.msg === "connected to the hub", 30_000);
  return { agent, dataDir, hostId: String(line.hostId) };
}
