import { describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pkg from "../../package.json" with { type: "json" };
import { openDatabase } from "../../src/db/client.ts";
import { runWarden } from "../helpers/process.ts";

const tempDir = () => mkdtempSync(join(tmpdir(), "warden-cli-"));

describe("usage errors exit 2 with one line and the usage", () => {
  for (const args of [
    ["bogus"],
    ["serve", "--bogus"],
    ["serve", "--port", "http"],
    ["migrate", "extra"],
    ["help", "nope"],
    ["config", "show"],
    ["backup"],
    ["restore"],
    ["version", "--bogus"],
    ["version", "extra"],
    ["health", "--port", "0"],
    ["health", "--host", "bad host"],
    ["agent", "--hub", "notaurl", "--token", "x"],
    ["agent", "--hub", "ftp://127.0.0.1:8103", "--token", "x"],
    ["agent", "--hub", "https://127.0.0.1:8103", "--pin", "abc", "--token", "x"],
  ]) {
    test(`warden ${args.join(" ")}`, () => {
      const { code, stderr, stdout } = runWarden(args);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      const [first, second] = stderr.split("\n");
      expect(first).toMatch(/^warden: \S/);
      expect(second).toBe("");
      expect(stderr).toContain("Usage: warden");
    });
  }
});

describe("help and version", () => {
  test("--help lists every command", () => {
    const { code, stdout } = runWarden(["--help"]);
    expect(code).toBe(0);
    for (const name of ["serve", "migrate", "config", "backup", "restore", "user", "version", "help"])
      expect(stdout).toContain(`  ${name} `);
  });

  test("help CMD and CMD --help show the command's flags", () => {
    for (const args of [
      ["help", "serve"],
      ["serve", "--help"],
    ]) {
      const { code, stdout } = runWarden(args);
      expect(code).toBe(0);
      expect(stdout).toContain("--port PORT");
      expect(stdout).toContain("--data-dir DIR");
    }
  });

  test("version prints the package version", () => {
    expect(runWarden(["version"]).stdout.trim()).toBe(pkg.version);
  });
});

describe("config check", () => {
  test("prints every key with its source and masks secrets", () => {
    const secret = "s3cr3t-value-that-must-never-be-printed-0123456789";
    const { code, stdout } = runWarden(["config", "check", "--data-dir", "store"], {
      env: { WARDEN_SECURITY_JWTSECRET: secret, WARDEN_SERVER_PORT: "8123" },
    });
    expect(code).toBe(0);
    expect(stdout).not.toContain(secret);
    expect(stdout).toMatch(/security\.jwtSecret\s+"\*{8}"\s+env WARDEN_SECURITY_JWTSECRET/);
    expect(stdout).toMatch(/server\.port\s+8123\s+env WARDEN_SERVER_PORT/);
    expect(stdout).toMatch(/dataDir\s+".*store"\s+flag --data-dir/);
    expect(stdout).toMatch(/log\.level\s+"debug"\s+config\/development\.json \(embedded\)/);
    expect(stdout).not.toContain("warning:");
  });

  test("warns of a WARDEN_ variable that names no setting (a misspelt one)", () => {
    const { code, stdout } = runWarden(["config", "check", "--data-dir", "store"], {
      env: { WARDEN_MONITOR_PROMETEUS: "true" },
    });
    expect(code).toBe(0);
    expect(stdout).toContain(
      "warning: WARDEN_MONITOR_PROMETEUS is set but names no setting (misspelt?); it is ignored.",
    );
  });

  test("masks secrets inside URLs: a secret-named query parameter and the password of user:password@", () => {
    const { code, stdout } = runWarden(["config", "check", "--data-dir", "store"], {
      env: { WARDEN_DATABASE_URL: "libsql://ops:hunter2@db.example:8080/warden?authToken=hunter2&tls=1" },
    });
    expect(code).toBe(0);
    expect(stdout).not.toContain("hunter2");
    expect(stdout).toMatch(
      /database\.url\s+"libsql:\/\/ops:\*{8}@db\.example:8080\/warden\?authToken=\*{8}&tls=1"\s+env WARDEN_DATABASE_URL/,
    );
  });

  test("an invalid config exits 1 and names every bad key", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "config"));
    writeFileSync(
      join(cwd, "config/security.json"),
      JSON.stringify({ server: { port: -1 }, rateLimit: { windowMs: 5 } }),
    );
    const { code, stderr } = runWarden(["config", "check"], { cwd });
    expect(code).toBe(1);
    expect(stderr).toContain("server.port:");
    expect(stderr).toContain("rateLimit.windowMs:");
    expect(stderr).not.toContain("    at ");
  });

  test("serve refuses to start on an invalid config", () => {
    const { code, stderr } = runWarden(["serve", "--port", "0"], { env: { WARDEN_LOG_LEVEL: "chatty" } });
    expect(code).toBe(1);
    expect(stderr).toContain("log.level:");
  });
});

describe("migrate", () => {
  test("applies once, then reports up to date", () => {
    const cwd = tempDir();
    const first = runWarden(["migrate"], { cwd });
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied \d+ migration\(s\): 0000_audit_log/);
    expect(existsSync(join(cwd, "data/warden.db"))).toBe(true);
    const second = runWarden(["migrate"], { cwd });
    expect(second.stdout).toMatch(/^database is up to date/);
  });

  test("a database newer than the binary is refused with exit 1 and left as it was", async () => {
    const cwd = tempDir();
    runWarden(["migrate"], { cwd });
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: `file:${join(cwd, "data/warden.db")}` });
    await client.execute(
      "INSERT INTO __warden_migrations (tag, hash, applied_at) VALUES ('9999_future', 'x', 1)",
    );
    client.close();
    for (const args of [["migrate"], ["serve", "--port", "0"]]) {
      const { code, stderr } = runWarden(args, { cwd });
      expect(code).toBe(1);
      expect(stderr).toContain("newer than this Warden binary");
      expect(stderr).toContain("9999_future");
    }
  });
});

describe("user", () => {
  test("create, list and reset-password read the password from stdin and are audited; a reset revokes API tokens", async () => {
    const cwd = tempDir();
    const created = runWarden(
      [
        "user",
        "create",
        "--email",
        "Ops@Example.test",
        "--username",
        "ops",
        "--role",
        "admin",
        "--password-stdin",
      ],
      { cwd, stdin: "a-long-enough-secret-1\n" },
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("created admin ops <ops@example.test>");
    const list = runWarden(["user", "list"], { cwd });
    expect(list.stdout).toMatch(/^ops\s+ops@example\.test\s+admin\s+active$/m);
    const weak = runWarden(["user", "reset-password", "--email", "ops@example.test", "--password-stdin"], {
      cwd,
      stdin: "password1234\n",
    });
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain("password: This password is too common");
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: `file:${join(cwd, "data/warden.db")}` });
    // An API token of the user: the reset revokes it.
    await client.execute(
      "INSERT INTO api_tokens (id, user_id, name, prefix, token_hash, created_at) SELECT 'tok-1', id, 'ci', 'wdn_abcdef', 'hash-1', 0 FROM users WHERE username = 'ops'",
    );
    const reset = runWarden(["user", "reset-password", "--email", "OPS@example.test", "--password-stdin"], {
      cwd,
      stdin: "another-long-secret-2\n",
    });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("their sessions and API tokens are ended");
    const audit = await client.execute("SELECT action, actor_label, resource_id FROM audit_log ORDER BY at");
    const token = await client.execute("SELECT revoked_at FROM api_tokens WHERE id = 'tok-1'");
    client.close();
    expect(token.rows[0]?.revoked_at).not.toBeNull();
    expect(audit.rows.map((r) => `${r.action}:${r.actor_label}`)).toEqual([
      "user.create:cli",
      "user.reset_password:cli",
      "token.revoke:cli",
    ]);
    expect(audit.rows.at(-1)?.resource_id).toBe("tok-1");
  });

  test("reset-mfa removes a user's second factors, audited as the CLI", async () => {
    const cwd = tempDir();
    const user = ["--email", "root@example.test", "--username", "root", "--role", "admin"];
    expect(
      runWarden(["user", "create", ...user, "--password-stdin"], { cwd, stdin: "a-long-secret-3\n" }).code,
    ).toBe(0);
    const { createClient } = await import("@libsql/client");
    const client = createClient({ url: `file:${join(cwd, "data/warden.db")}` });
    await client.execute(
      "INSERT INTO user_mfa (user_id, totp_secret, totp_enabled_at, updated_at) SELECT id, 'v1.x.y', 1, 1 FROM users WHERE username = 'root'",
    );
    const reset = runWarden(["user", "reset-mfa", "--email", "root@example.test"], { cwd });
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("two-factor sign-in of root removed");
    const left = await client.execute("SELECT count(*) AS n FROM user_mfa");
    const audit = await client.execute("SELECT action, actor_label FROM audit_log ORDER BY at");
    client.close();
    expect(left.rows[0]?.n).toBe(0);
    expect(audit.rows.map((r) => `${r.action}:${r.actor_label}`)).toEqual([
      "user.create:cli",
      "auth.mfa_reset:cli",
    ]);
  });

  test("the password never comes from the command line", () => {
    const { code, stderr } = runWarden(["user", "create", "--email", "a@example.test", "--username", "abc"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--password-stdin");
    expect(runWarden(["user", "create", "--password", "x"]).code).toBe(2);
  });

  test("duplicates and bad input exit 1 naming the field", () => {
    const cwd = tempDir();
    const args = ["user", "create", "--email", "d@example.test", "--username", "dupe", "--password-stdin"];
    expect(runWarden(args, { cwd, stdin: "a-long-enough-secret-1\n" }).code).toBe(0);
    const again = runWarden(args, { cwd, stdin: "a-long-enough-secret-1\n" });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("email: This email address is already in use.");
    const badRole = runWarden(
      [
        "user",
        "create",
        "--email",
        "r@example.test",
        "--username",
        "rrr",
        "--role",
        "god",
        "--password-stdin",
      ],
      {
        cwd,
        stdin: "a-long-enough-secret-1\n",
      },
    );
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("role:");
  });
});

describe("warden demo seed", () => {
  test("fills people and incidents through the services once; a second run changes nothing", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-demo-"));
    try {
      const first = runWarden(["demo", "seed"], { cwd });
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(
        "seeded 12 incidents, 7 assets, 5 vulnerabilities, 4 documents, 8 alerts, 1 case, 5 risks and 4 demo accounts",
      );
      expect(first.stdout).toMatch(/demo\.analyst\s+analyst\s+\S{20}/);
      const second = runWarden(["demo", "seed"], { cwd });
      expect(second.stdout.trim()).toBe("demo data is already there; nothing changed");
      const database = await openDatabase({ url: `file:${join(cwd, "data", "warden.db")}` });
      const rows = async (sql: string) => (await database.client.execute(sql)).rows;
      const tally = async (sql: string) => (await rows(sql)).map((r) => `${r.status}:${r.n}`);
      const count = async (sql: string) => Number((await rows(sql))[0]?.n);
      expect(
        await tally("SELECT status, count(*) AS n FROM incidents GROUP BY status ORDER BY status"),
      ).toEqual(["closed:3", "containment:2", "eradication:2", "new:2", "recovery:1", "triage:2"]);
      expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'incident.create'")).toBe(12);
      expect(
        await tally("SELECT status, sum(count) AS n FROM alerts GROUP BY status ORDER BY status"),
      ).toEqual(["acknowledged:3", "escalated:1", "false_positive:2", "new:20"]);
      // The shipped ATT&CK catalog is imported by the seed so that ten demo incidents name techniques.
      expect(
        await count("SELECT count(DISTINCT record_id) AS n FROM technique_links WHERE kind = 'incident'"),
      ).toBe(10);
      database.close();
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 60_000);
});
