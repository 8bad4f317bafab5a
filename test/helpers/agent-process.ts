import { join } from "node:path";
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
