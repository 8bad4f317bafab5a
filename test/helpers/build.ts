import { join } from "node:path";

/** The repository root. */
export const ROOT = join(import.meta.dir, "../..");

/**
 * Runs a build command in the repository (`bun scripts/build.ts` by default: dist/warden for
 * this machine) and throws with its output when it fails. For `beforeAll` of tests of the binary.
 */
export function build(command: string[] = ["bun", "scripts/build.ts"]): void {
  const result = Bun.spawnSync(command, { cwd: ROOT, stdout: "pipe", stderr: "pipe" });
  if (result.exitCode !== 0)
    throw new Error(`${command.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
}
