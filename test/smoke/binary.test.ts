import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { runWarden, startWarden } from "../helpers/process.ts";

const root = join(import.meta.dir, "../..");
const binary = join(root, "dist/warden");

beforeAll(() => {
  const build = Bun.spawnSync(["bun", "scripts/build.ts"], { cwd: root, stdout: "pipe", stderr: "pipe" });
  if (build.exitCode !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}, 120_000);

describe("the compiled binary", () => {
  test("runs from an empty directory with nothing beside it: creates ./data/warden.db and serves", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-binary-"));
    expect(readdirSync(cwd)).toEqual([]);
    const server = await startWarden({ cwd, command: [binary], env: { WARDEN_ENV: "" } });
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(existsSync(join(cwd, "data/warden.db"))).toBe(true);
      expect(existsSync(join(cwd, "data/jwt-secret"))).toBe(true);
      const listening = server.logs.find((l) => l.msg === "warden listening");
      expect(listening?.env).toBe("production");
      const first = await fetch(`${server.url}/`, { redirect: "manual" });
      expect(first.status).toBe(303);
      expect(first.headers.get("Location")).toBe("/setup");
      const page = await fetch(`${server.url}/setup`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const css = html.match(/href="(\/static\/css\/app\.css\?v=\w+)"/)?.[1];
      expect(css).toMatch(/^\/static\/css\/app\.css\?v=[0-9a-f]{12}$/);
      expect((await fetch(`${server.url}${css}`)).status).toBe(200);
      const doc = await (await fetch(`${server.url}/api/v1/openapi.json`)).json();
      expect(doc.openapi).toBe("3.1.0");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  test("answers the CLI like the source does", () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-binary-"));
    expect(runWarden(["version"], { cwd, command: [binary] }).stdout.trim()).toBe(pkg.version);
    expect(runWarden(["nope"], { cwd, command: [binary] }).code).toBe(2);
    const check = runWarden(["config", "check"], { cwd, command: [binary], env: { WARDEN_ENV: "" } });
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/env\s+"production"/);
  });

  test("ignores a .env file in the working directory", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-binary-"));
    await Bun.write(join(cwd, ".env"), "WARDEN_SERVER_PORT=1\n");
    const check = runWarden(["config", "check"], { cwd, command: [binary], env: { WARDEN_ENV: "" } });
    expect(check.stdout).toMatch(/server\.port\s+8000/);
  });
});
