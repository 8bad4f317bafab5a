import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { TEST_PASSWORD } from "../helpers/app.ts";
import { runWarden, type ServerProcess, startWarden } from "../helpers/process.ts";
import { selfSignedCertificate } from "../helpers/self-signed.ts";

let server: ServerProcess;
let port: number;
const insecure = { tls: { rejectUnauthorized: false } } as RequestInit;

beforeAll(async () => {
  const { dir: cwd, cert, key } = selfSignedCertificate();
  const env = { WARDEN_SERVER_TLS_CERT: cert, WARDEN_SERVER_TLS_KEY: key };
  const created = runWarden(
    [
      "user",
      "create",
      "--email",
      "tls@example.test",
      "--username",
      "tls",
      "--role",
      "viewer",
      "--password-stdin",
    ],
    {
      cwd,
      env,
      stdin: `${TEST_PASSWORD}\n`,
    },
  );
  if (created.code !== 0) throw new Error(created.stderr);
  server = await startWarden({ cwd, env });
  port = Number(new URL(server.url).port);
}, 30_000);
afterAll(async () => {
  expect(await server.stop()).toBe(0);
});

describe("HTTPS with a self-signed certificate", () => {
  test("serves HTTPS only, with HSTS", async () => {
    expect(server.url).toStartWith("https://");
    const res = await fetch(`https://127.0.0.1:${port}/healthz`, insecure);
    expect(res.status).toBe(200);
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  test("TLS 1.2 is accepted, TLS 1.1 refused", () => {
    const handshake = (version: string) =>
      Bun.spawnSync(
        ["openssl", "s_client", "-connect", `127.0.0.1:${port}`, version, "-cipher", "DEFAULT@SECLEVEL=0"],
        { stdin: Buffer.from("Q\n"), stdout: "pipe", stderr: "pipe" },
      ).exitCode;
    expect(handshake("-tls1_2")).toBe(0);
    expect(handshake("-tls1_1")).not.toBe(0);
  });

  test("warden health reaches the HTTPS server through its self-signed certificate", () => {
    const env = {
      WARDEN_SERVER_TLS_CERT: join(server.cwd, "cert.pem"),
      WARDEN_SERVER_TLS_KEY: join(server.cwd, "key.pem"),
    };
    const probe = runWarden(["health", "--port", String(port)], { cwd: server.cwd, env });
    expect(probe.stderr).toBe("");
    expect(probe.stdout).toStartWith(`https://127.0.0.1:${port}/readyz: {"status":"ready"`);
    expect(probe.code).toBe(0);
  });

  test("session cookies are Secure over HTTPS", async () => {
    const pair = await (
      await fetch(`https://127.0.0.1:${port}/api/v1/auth/login`, {
        ...insecure,
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: "tls", password: TEST_PASSWORD }),
      })
    ).json();
    const res = await fetch(`https://127.0.0.1:${port}/`, {
      ...insecure,
      redirect: "manual",
      headers: { Cookie: `warden_rt=${pair.refreshToken}` },
    });
    const cookies = res.headers.getSetCookie();
    const access = cookies.find((c) => c.startsWith("warden_at="));
    expect(access).toContain("Secure");
    expect(access).toContain("HttpOnly");
    expect(access).toContain("SameSite=Lax");
  });
});
