import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { COMMANDS } from "../../src/cli/help.ts";
import { flatten } from "../../src/config/flatten.ts";
import { RESTART_KEYS } from "../../src/config/schema.ts";
import { envName } from "../../src/config.ts";

const root = join(import.meta.dir, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const defaults = JSON.parse(readFileSync(join(root, "config/default.json"), "utf8"));

describe("README stays true to the code", () => {
  test("the configuration reference lists every key with its default, variable and reload kind", () => {
    for (const [key, value] of flatten(defaults)) {
      const row = readme.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
      if (!row) throw new Error(`README has no configuration row for ${key}`);
      const cells = row.split("|").map((c) => c.trim());
      expect(cells[2]).toBe(`\`${JSON.stringify(value)}\``);
      expect(cells[3]).toBe(`\`${envName(key)}\``);
      expect(cells[4]).toBe((RESTART_KEYS as readonly string[]).includes(key) ? "restart" : "hot");
    }
  });

  test("the test command is the install script and bun test, and .ci/run installs with the same script", () => {
    const block = /Run the whole test suite[\s\S]*?```sh\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(block).toBe("bash scripts/install-test-deps.sh && bun test");
    const ci = readFileSync(join(root, ".ci/run"), "utf8");
    for (const part of ["bun", "packages", "dependencies"])
      expect(ci).toContain(`bash scripts/install-test-deps.sh ${part}`);
    // Nothing installed by hand besides (step names, in quotes, aside).
    expect(ci.replace(/"[^"\n]*"/g, '""')).not.toMatch(/apt-get|npm install|bun install/);
  });

  test("every CLI command is documented", () => {
    for (const command of COMMANDS) expect(readme).toContain(`warden ${command.name}`);
  });
});
