import { beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { openDatabase } from "../../src/db/client.ts";
import { build } from "../helpers/build.ts";
import { runWarden, startWarden } from "../helpers/process.ts";

const root = join(import.meta.dir, "../..");
const binary = join(root, "dist/warden");

beforeAll(() => build(), 120_000);

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

  test("imports the shipped ATT&CK catalog at a first start, in a child process of itself", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-binary-"));
    const server = await startWarden({ cwd, command: [binary], env: { WARDEN_ENV: "" } });
    try {
      expect(server.logs.filter((l) => l.level === "warn" || l.level === "error")).toEqual([]);
      const database = await openDatabase({ url: `file:${join(cwd, "data/warden.db")}` });
      try {
        const [techniques] = (await database.client.execute("SELECT count(*) AS n FROM attack_techniques"))
          .rows;
        expect(Number(techniques?.n)).toBeGreaterThan(600);
        const [audited] = (
          await database.client.execute("SELECT count(*) AS n FROM audit_log WHERE action = 'attack.import'")
        ).rows;
        expect(Number(audited?.n)).toBe(1);
      } finally {
        database.close();
      }
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  test("samples the host in its worker thread (the worker is embedded too)", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-binary-"));
    const created = runWarden(
      [
        "user",
        "create",
        "--email",
        "s@example.test",
        "--username",
        "smoke",
        "--role",
        "viewer",
        "--password-stdin",
      ],
      { cwd, command: [binary], env: { WARDEN_ENV: "" }, stdin: "smoke-password-123\n" },
    );
    expect(created.code).toBe(0);
    const server = await startWarden({ cwd, command: [binary], env: { WARDEN_ENV: "" } });
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: "smoke", password: "smoke-password-123" }),
      });
      const { accessToken } = await login.json();
      let sample: { cpu?: { busy: number } } | null = null;
      for (let i = 0; i < 50 && !sample; i++) {
        await Bun.sleep(100);
        const res = await fetch(`${server.url}/api/v1/metrics/current`, {
          headers: { Authorization: `Bearer ${accessToken}` },
        });
        sample = (await res.json()).sample;
      }
      expect(sample?.cpu?.busy).toBeGreaterThanOrEqual(0);
      expect(server.logs.some((l) => String(l.msg).startsWith("sampler"))).toBe(false);
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
