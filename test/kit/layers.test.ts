import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(import.meta.dir, "../..");
const MODULES_DIR = "src/modules/";

/**
 * The files outside src/modules that may import a module, each for a reason:
 * - the composition root builds the app from the MODULES list (app.ts) and describes what it
 *   is built from (deps.ts: the notifier, alert events and scan listener that `serve` builds
 *   from modules and a test may replace);
 * - the CLI runs modules' services as commands (`warden user …`, `demo seed`, `serve`, `backup`);
 * - db/schema/index.ts re-exports every module's tables for drizzle-kit and the migrations.
 */
const ALLOWED = [/^src\/app\.ts$/, /^src\/deps\.ts$/, /^src\/cli\//, /^src\/db\/schema\/index\.ts$/];

/** Every relative specifier a file imports or re-exports, statically or dynamically. */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*["'](\.[^"']+)["']/g))
    if (match[1]) found.push(match[1]);
  return found;
}

/** `file → module file` for each import from src/modules in a file outside it. */
function upwardImports(files: readonly string[]): string[] {
  return files.flatMap((file) =>
    specifiers(readFileSync(join(ROOT, file), "utf8"))
      .map((spec) => relative(ROOT, resolve(ROOT, dirname(file), spec)))
      .filter((target) => target.startsWith(MODULES_DIR))
      .map((target) => `${file} → ${target}`),
  );
}

const outside = [...new Bun.Glob("src/**/*.{ts,tsx}").scanSync({ cwd: ROOT })]
  .filter((file) => !file.startsWith(MODULES_DIR))
  .sort();

describe("layers: arrows point down", () => {
  test("the scan sees imports into the modules (app.ts mounts them)", () => {
    expect(upwardImports(["src/app.ts"])).toContain("src/app.ts → src/modules/index.ts");
    expect(specifiers('export * from "../a.ts";\nconst m = await import("./b.ts");')).toEqual([
      "../a.ts",
      "./b.ts",
    ]);
  });

  test("nothing outside src/modules imports a module, except the files that assemble the app", () => {
    const checked = outside.filter((file) => !ALLOWED.some((allowed) => allowed.test(file)));
    expect(checked.length).toBeGreaterThan(100);
    expect(upwardImports(checked)).toEqual([]);
  });
});
