import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError, envName, loadConfig, maskedConfig } from "../../src/config.ts";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-config-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function writeJson(path: string, value: unknown) {
  mkdirSync(join(path, ".."), { recursive: true });
  writeFileSync(path, JSON.stringify(value));
}

function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  test("a WARDEN_ variable that names no setting is listed as unknown (a misspelt one), the others are not", () => {
    const known = { WARDEN_SERVER_PORT: "9000", WARDEN_ENV: "development", WARDEN_CONFIG: "" };
    const env = { ...known, WARDEN_MONITOR_PROMETEUS: "true", NOT_WARDEN: "x" };
    const loaded = loadConfig({ cwd: dir, env });
    expect(loaded.unknownVariables).toEqual(["WARDEN_MONITOR_PROMETEUS"]);
    expect(loaded.config.monitor.prometheus).toBe(false);
  });

  test("defaults come from config/default.json and database.url derives from dataDir", () => {
    const { config, sources } = loadConfig({ cwd: dir, env: {} });
    expect(config.server.host).toBe("127.0.0.1");
    expect(config.server.port).toBe(8000);
    expect(config.server.bodyLimitBytes).toBe(1024 * 1024);
    expect(config.dataDir).toBe(join(dir, "data"));
    expect(config.database.url).toBe(`file:${join(dir, "data", "warden.db")}`);
    expect(sources.get("database.url")).toBe("derived from dataDir");
    expect(sources.get("server.port")).toContain("default.json");
  });

  test("layers apply lowest to highest: default < env file < security < --config < env vars < flags", () => {
    writeJson(join(dir, "config/development.json"), { server: { port: 8001 }, log: { level: "warn" } });
    writeJson(join(dir, "config/security.json"), {
      server: { port: 8002 },
      cors: { origins: ["https://a.example"] },
    });
    writeJson(join(dir, "extra.json"), { server: { port: 8003, host: "127.0.0.2" } });
    const base = { cwd: dir, flags: { configFile: "extra.json" } };
    expect(loadConfig({ ...base, env: {} }).config.server.port).toBe(8003);
    const withEnv = loadConfig({ ...base, env: { WARDEN_SERVER_PORT: "8004" } });
    expect(withEnv.config.server.port).toBe(8004);
    expect(withEnv.sources.get("server.port")).toBe("env WARDEN_SERVER_PORT");
    const withFlag = loadConfig({
      ...base,
      env: { WARDEN_SERVER_PORT: "8004" },
      flags: { configFile: "extra.json", port: 8005 },
    });
    expect(withFlag.config.server.port).toBe(8005);
    expect(withFlag.sources.get("server.port")).toBe("flag --port");
    expect(withFlag.config.server.host).toBe("127.0.0.2");
    expect(withFlag.config.log.level).toBe("warn");
    expect(withFlag.config.cors.origins).toEqual(["https://a.example"]);
    expect(withFlag.files).toEqual([
      join(dir, "config/development.json"),
      join(dir, "config/security.json"),
      join(dir, "extra.json"),
    ]);
  });

  test("WARDEN_ENV picks the environment file", () => {
    writeJson(join(dir, "config/production.json"), { log: { level: "error" } });
    const { config } = loadConfig({ cwd: dir, env: { WARDEN_ENV: "production" } });
    expect(config.env).toBe("production");
    expect(config.log.level).toBe("error");
  });

  test("environment variables are converted to the key's type", () => {
    const { config } = loadConfig({
      cwd: dir,
      env: {
        WARDEN_RATELIMIT_ENABLED: "false",
        WARDEN_CORS_ORIGINS: "https://a.example, https://b.example",
        WARDEN_SERVER_TLS_CERT: "/etc/cert.pem",
        WARDEN_SERVER_TLS_KEY: "/etc/key.pem",
        WARDEN_MONITOR_RETENTION_MINUTEDAYS: "7",
      },
    });
    expect(config.rateLimit.enabled).toBe(false);
    expect(config.cors.origins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.server.tls).toEqual({ cert: "/etc/cert.pem", key: "/etc/key.pem" });
    expect(config.monitor.retention.minuteDays).toBe(7);
    expect(envName("server.bodyLimitBytes")).toBe("WARDEN_SERVER_BODYLIMITBYTES");
  });

  test(".env is read in development only, and real variables beat it", () => {
    writeFileSync(join(dir, ".env"), "WARDEN_SERVER_PORT=9001\nWARDEN_LOG_LEVEL=error\n");
    const dev = loadConfig({ cwd: dir, env: { WARDEN_LOG_LEVEL: "warn" } }).config;
    expect(dev.server.port).toBe(9001);
    expect(dev.log.level).toBe("warn");
    const prod = loadConfig({ cwd: dir, env: { WARDEN_ENV: "production" } }).config;
    expect(prod.server.port).toBe(8000);
  });

  test("every problem is reported at once with its key path", () => {
    writeJson(join(dir, "config/security.json"), {
      server: { port: "eighty", prot: 1 },
      log: { level: "loud" },
    });
    const problems = problemsOf(() => loadConfig({ cwd: dir, env: { WARDEN_MONITOR_INTERVALMS: "fast" } }));
    const paths = problems.map((p) => p.path).sort();
    expect(paths).toEqual(["log.level", "monitor.intervalMs", "server", "server.port"]);
    expect(problems.find((p) => p.path === "server")?.message).toContain("prot");
  });

  test("a __proto__ key in a config file is an unknown key, never the prototype of the merged config", () => {
    writeFileSync(
      join(dir, "extra.json"),
      '{"__proto__": {"server": {"port": 1}}, "server": {"port": 8009}}',
    );
    const problems = problemsOf(() => loadConfig({ cwd: dir, env: {}, flags: { configFile: "extra.json" } }));
    expect(problems).toEqual([{ path: "(root)", message: 'Unrecognized key: "__proto__"' }]);
  });

  test("malformed JSON names the file; a missing --config file is an error", () => {
    mkdirSync(join(dir, "config"));
    writeFileSync(join(dir, "config/security.json"), "{ not json");
    const problems = problemsOf(() => loadConfig({ cwd: dir, env: {}, flags: { configFile: "nope.json" } }));
    expect(
      problems.some((p) => p.path.endsWith("security.json") && p.message.startsWith("not valid JSON")),
    ).toBe(true);
    expect(problems.some((p) => p.path === "--config" && p.message.includes("nope.json"))).toBe(true);
  });

  test("server.jit is adaptive unless set to normal; anything else is an error naming the key", () => {
    expect(loadConfig({ cwd: dir, env: {} }).config.server.jit).toBe("adaptive");
    expect(loadConfig({ cwd: dir, env: { WARDEN_SERVER_JIT: "normal" } }).config.server.jit).toBe("normal");
    const problems = problemsOf(() => loadConfig({ cwd: dir, env: { WARDEN_SERVER_JIT: "off" } }));
    expect(problems.map((p) => p.path)).toEqual(["server.jit"]);
  });

  test("TLS cert and key must come together", () => {
    const problems = problemsOf(() => loadConfig({ cwd: dir, env: { WARDEN_SERVER_TLS_CERT: "/c.pem" } }));
    expect(problems.map((p) => p.path)).toEqual(["server.tls.key"]);
  });

  test("weak or short JWT secrets are refused in production, allowed in development", () => {
    for (const secret of ["secret", "changeme", "short-but-not-32-chars"]) {
      const problems = problemsOf(() =>
        loadConfig({ cwd: dir, env: { WARDEN_ENV: "production", WARDEN_SECURITY_JWTSECRET: secret } }),
      );
      expect(problems.map((p) => p.path)).toEqual(["security.jwtSecret"]);
    }
    expect(
      loadConfig({ cwd: dir, env: { WARDEN_SECURITY_JWTSECRET: "secret" } }).config.security.jwtSecret,
    ).toBe("secret");
  });

  test("an unset JWT secret is generated once into the data dir (mode 0600) and then reused", () => {
    const first = loadConfig({ cwd: dir, env: {}, secrets: "create" });
    const secret = first.config.security.jwtSecret;
    expect(secret?.length).toBeGreaterThanOrEqual(64);
    expect(first.sources.get("security.jwtSecret")).toContain("generated");
    const stored = readFileSync(join(dir, "data", "jwt-secret"), "utf8").trim();
    expect(stored).toBe(secret as string);
    const mode = Bun.spawnSync(["stat", "-c", "%a", join(dir, "data", "jwt-secret")])
      .stdout.toString()
      .trim();
    expect(mode).toBe("600");
    const second = loadConfig({ cwd: dir, env: { WARDEN_ENV: "production" }, secrets: "create" });
    expect(second.config.security.jwtSecret).toBe(secret);
    expect(
      loadConfig({ cwd: mkdtempSync(join(tmpdir(), "warden-empty-")), env: {} }).config.security.jwtSecret,
    ).toBeNull();
  });

  test("the result is frozen and masking hides secrets", () => {
    const { config } = loadConfig({
      cwd: dir,
      env: { WARDEN_SECURITY_JWTSECRET: "x".repeat(40), WARDEN_DATABASE_AUTHTOKEN: "tok" },
    });
    expect(Object.isFrozen(config.server)).toBe(true);
    const masked = maskedConfig(config) as {
      security: { jwtSecret: string };
      database: { authToken: string };
    };
    expect(masked.security.jwtSecret).toBe("********");
    expect(masked.database.authToken).toBe("********");
    expect(JSON.stringify(masked)).not.toContain("x".repeat(40));
  });
});
