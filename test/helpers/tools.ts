/**
 * The programs tests run beyond Bun and the base system, each with the Debian package that
 * provides it, as `scripts/test-tools.txt` lists them for `scripts/install-test-deps.sh`. A
 * test that needs one checks it here first and fails naming the package: none is skipped.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";

/** Program name → Debian package, from scripts/test-tools.txt. */
export const TEST_TOOLS: ReadonlyMap<string, string> = new Map(
  readFileSync(join(import.meta.dir, "../../scripts/test-tools.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split(/\s+/) as [string, string]),
);

/**
 * Throws unless every one of `programs` (a name looked up on PATH, or a path) is there,
 * naming the Debian package of each missing one (by its path or file name, from the list) and the
 * script that installs them.
 */
export function requireTools(...programs: string[]): void {
  const missing = programs.filter((program) =>
    program.includes("/") ? !existsSync(program) : !Bun.which(program),
  );
  if (missing.length === 0) return;
  const named = missing.map((program) => {
    const found = TEST_TOOLS.get(program) ?? TEST_TOOLS.get(basename(program));
    return found ? `${program} (Debian package ${found})` : program;
  });
  throw new Error(
    `Missing ${named.join(", ")}: bash scripts/install-test-deps.sh installs what the tests need.`,
  );
}
