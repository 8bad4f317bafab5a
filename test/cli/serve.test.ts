import { describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { LARGEST_UPLOAD_BYTES } from "../../src/app.ts";
import { QUIET_JIT_SCALE } from "../../src/lib/jit-policy.ts";
import { createLogger } from "../../src/lib/log.ts";
import { startHttpServer, stopHttpServer } from "../../src/server.ts";
import { createTestApp } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";
import { runWarden, startWarden } from "../helpers/process.ts";

describe("warden serve (real process)", () => {
  test("a changed log.level in the loaded config file applies within 2 s; an invalid edit is rejected and serving goes on", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-reload-"));
    const file = join(cwd, "warden.json");
    writeFileSync(file, JSON.stringify({ log: { level: "info" } }));
    const server = await startWarden({ cwd, args: ["--config", file] });
    try {
      await fetch(`${server.url}/healthz`);
      await Bun.sleep(100);
      expect(server.logs.some((l) => l.path === "/healthz")).toBe(false);

      const changedAt = Date.now();
      writeFileSync(file, JSON.stringify({ log: { level: "debug" } }));
      await server.waitForLog((l) => l.msg === "config reload applied", 2000);
      expect(Date.now() - changedAt).toBeLessThan(2000);
      await fetch(`${server.url}/healthz`);
      await server.waitForLog((l) => l.path === "/healthz" && l.level === "debug", 1000);

      writeFileSync(
        file,
        JSON.stringify({ log: { level: "verbose" }, rateLimit: { groups: { api: { maxPerIp: 0 } } } }),
      );
      const rejected = await server.waitForLog(
        (l) => String(l.msg).startsWith("config reload rejected"),
        2000,
      );
      expect(rejected.level).toBe("error");
      expect(String(rejected.problems)).toContain("log.level");
      expect(String(rejected.problems)).toContain("rateLimit.groups.api.maxPerIp");
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(200);
      await server.waitForLog((l) => l.path === "/readyz" && l.level === "debug", 1000);

      server.proc.kill("SIGHUP");
      const hup = await server.waitForLog((l) => l.reason === "SIGHUP", 2000);
      expect(hup.msg).toBe("config reload rejected; keeping the running config");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);

  test("the JIT waits while the server is quiet and compiles normally once a load keeps it busy", async () => {
    const server = await startWarden({
      env: { WARDEN_LOG_LEVEL: "debug", WARDEN_RATELIMIT_ENABLED: "false" },
    });
    try {
      const quiet = await server.waitForLog((l) => l.msg === "JIT policy", 5000);
      expect(quiet.scale).toBe(QUIET_JIT_SCALE);
      // A few requests are not a load.
      for (let i = 0; i < 5; i++) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      await Bun.sleep(1500);
      expect(server.logs.some((l) => String(l.msg).startsWith("main thread busy"))).toBe(false);

      // Sixteen clients without pause until the server says it is busy (at most 15 s).
      let busy = false;
      const done = server
        .waitForLog((l) => String(l.msg).startsWith("main thread busy"), 15_000)
        .finally(() => {
          busy = true;
        });
      const client = async () => {
        try {
          while (!busy) expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
        } catch (error) {
          busy = true;
          throw error;
        }
      };
      await Promise.all([done, ...Array.from({ length: 16 }, client)]);
      const line = await done;
      expect(line.level).toBe("info");
      expect(line.cpuMs as number).toBeGreaterThanOrEqual(300);
      await server.waitForLog((l) => l.msg === "JIT policy" && l.scale === 1, 2000);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  }, 40_000);

  test("SIGTERM: exits 0 within 10 s after closing everything", async () => {
    const server = await startWarden();
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    const started = Date.now();
    const code = await server.stop();
    expect(code).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(server.logs.some((l) => l.msg === "signal received" && l.signal === "SIGTERM")).toBe(true);
    expect(server.logs.at(-1)?.msg).toBe("warden stopped");
  }, 20_000);

  test("backup takes a consistent snapshot while the server runs, and never overwrites", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-backup-"));
    const file = join(cwd, "warden.json");
    writeFileSync(file, JSON.stringify({ cors: { origins: [] } }));
    const server = await startWarden({ cwd, args: ["--config", file] });
    try {
      writeFileSync(file, JSON.stringify({ cors: { origins: ["https://a.example"] } }));
      await server.waitForLog((l) => l.msg === "config reload applied", 2000);
      await Bun.sleep(100);
      const result = runWarden(["backup", "snap.db", "--config", file], { cwd });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain("backup written to");
      expect(existsSync(join(cwd, "snap.db"))).toBe(true);
      const snapshot = createClient({ url: `file:${join(cwd, "snap.db")}` });
      const check = await snapshot.execute("PRAGMA integrity_check");
      expect(String(check.rows[0]?.[0])).toBe("ok");
      const audit = await snapshot.execute(
        "SELECT action, changes FROM audit_log WHERE action = 'config.reload'",
      );
      expect(audit.rows.length).toBe(1);
      expect(String(audit.rows[0]?.changes)).toContain("https://a.example");
      snapshot.close();
      const again = runWarden(["backup", "snap.db", "--config", file], { cwd });
      expect(again.code).toBe(1);
      expect(again.stderr).toContain("already exists");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  }, 30_000);
});

describe("graceful stop", () => {
  appTest("in-flight requests complete; new connections are refused", async (t) => {
    t.app.get("/slow", async (c) => {
      await Bun.sleep(600);
      return c.text("done");
    });
    const config = { ...t.config.get(), server: { ...t.config.get().server, port: 0 } };
    const server = startHttpServer(t.app, config, t.ws.handlers);
    const url = `http://127.0.0.1:${server.port}`;
    const inFlight = fetch(`${url}/slow`, {
      headers: { Authorization: `Bearer ${await t.tokenFor("viewer")}` },
    });
    await Bun.sleep(100);
    const stopping = stopHttpServer(
      server,
      5000,
      createLogger(() => ({ level: "error", format: "json" })),
    );
    await Bun.sleep(50);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("done");
    await stopping;
  });
});

describe("uploads on a real socket", () => {
  test("a 200 MB ATT&CK bundle is refused with a 413 problem from its declared length, before any of it is sent", async () => {
    const t = await createTestApp();
    const config = { ...t.config.get(), server: { ...t.config.get().server, port: 0 } };
    const server = startHttpServer(t.app, config, t.ws.handlers, LARGEST_UPLOAD_BYTES);
    try {
      const token = await t.tokenFor("admin");
      const port = server.port ?? 0;
      const answer = await new Promise<string>((resolve, reject) => {
        let text = "";
        const socket = connect(port, "127.0.0.1", () => {
          socket.write(
            [
              "POST /api/v1/threats/attack/preview HTTP/1.1",
              `Host: 127.0.0.1:${port}`,
              `Authorization: Bearer ${token}`,
              "Content-Type: application/json",
              `Content-Length: ${200 * 1024 * 1024}`,
              "",
              "{",
            ].join("\r\n"),
          );
        });
        socket.on("data", (chunk) => {
          text += chunk.toString();
          const [head = "", body = ""] = text.split("\r\n\r\n");
          const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? Number.NaN);
          if (body.length >= length) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on("error", reject);
        setTimeout(() => reject(new Error(`no answer; got: ${text}`)), 5000);
      });
      const [head = "", body = ""] = answer.split("\r\n\r\n");
      expect(head.split("\r\n")[0]).toStartWith("HTTP/1.1 413 ");
      expect(head.toLowerCase()).toContain("content-type: application/problem+json");
      expect(JSON.parse(body)).toMatchObject({ status: 413 });
    } finally {
      server.stop(true);
      await t.close();
    }
  });
});
