import { HOST_FACTS_COMMAND, selfCommand } from "../cli/internal-commands.ts";
import type { HostInfo } from "./sample.ts";

/** How long the child may take: systeminformation runs a few commands (lscpu, dmidecode …). */
const TIMEOUT_MS = 30_000;

/** The fields of {@link HostInfo} that must be strings or numbers in the child's answer. */
const STRINGS = ["hostname", "os", "distribution", "release", "kernel", "arch", "cpuModel"] as const;
const NUMBERS = ["cores", "memoryTotal", "bootTime"] as const;

/**
 * Reads the host facts in a child process of this program (`warden internal-host-facts`,
 * src/monitor/host-facts.ts), so that what reading them allocates leaves with it. Throws with
 * the child's error output when it fails, times out or answers something else.
 */
export async function readHostFactsApart(): Promise<HostInfo> {
  const child = Bun.spawn(selfCommand(HOST_FACTS_COMMAND), {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
    timeout: TIMEOUT_MS,
  });
  const [code, stdout, stderr] = await Promise.all([
    child.exited,
    new Response(child.stdout).text(),
    new Response(child.stderr).text(),
  ]);
  if (code !== 0) throw new Error(`the host facts command exited with ${code}: ${stderr.trim()}`);
  return parseHostFacts(stdout);
}

/** The child's JSON line as {@link HostInfo}; throws when a field is missing or mistyped. */
export function parseHostFacts(text: string): HostInfo {
  const facts = JSON.parse(text) as Record<string, unknown>;
  const wrong: string[] = [
    ...STRINGS.filter((key) => typeof facts[key] !== "string"),
    ...NUMBERS.filter((key) => typeof facts[key] !== "number"),
  ];
  if (facts.virtualization !== null && typeof facts.virtualization !== "string") wrong.push("virtualization");
  if (wrong.length > 0) throw new Error(`the host facts command answered without ${wrong.join(", ")}`);
  return facts as unknown as HostInfo;
}
