/**
 * `warden agent --pin` against real TLS servers with self-signed certificates made by openssl:
 * `warden pin` prints the same pin as the openssl pipeline; a hub whose key is pinned is
 * accepted without a CA (one pin, or one of two), enrols and streams; a hub with another key is
 * refused before anything is sent (no HTTP request reaches it, its one-time token stays
 * unused), as is one that swaps its key between the probe and the WebSocket's own handshake.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, connect as netConnect, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AgentProcess, startAgent } from "../helpers/agent-process.ts";
import { TEST_PASSWORD } from "../helpers/app.ts";
import { runWarden, type ServerProcess, startWarden } from "../helpers/process.ts";
import { type CertificateFiles, issuedCertificate, selfSignedCertificate } from "../helpers/self-signed.ts";

const AGENT_ENV = { WARDEN_AGENT_RECONNECTMINMS: "200", WARDEN_AGENT_RECONNECTMAXMS: "1000" };
const insecure = { tls: { rejectUnauthorized: false } };
const MISMATCH = "hub certificate matches no agent.pin: not connecting";
/** A well-formed pin of no key here. */
const OTHER_PIN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

/** The pin of `cert` as the HPKP recipe computes it with openssl. */
function opensslPin(cert: string): string {
  const run = Bun.spawnSync([
    "sh",
    "-c",
    `openssl x509 -pubkey -noout -in '${cert}' | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`,
  ]);
  return run.stdout.toString().trim();
}

/** A TLS server with `files` that counts the HTTP requests (upgrades included) reaching it. */
function countingServer(files: CertificateFiles) {
  const counter = { requests: 0 };
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    tls: { cert: readFileSync(files.cert, "utf8"), key: readFileSync(files.key, "utf8") },
    fetch: () => {
      counter.requests++;
      return new Response("no", { status: 400 });
    },
  });
  return { server, counter };
}

describe("warden pin and agent.pin", () => {
  const processes: (AgentProcess | ServerProcess)[] = [];
  const servers: { stop(force?: boolean): unknown }[] = [];
  let relay: Server | null = null;
  afterAll(() => {
    for (const p of processes) if (p.proc.exitCode === null) p.proc.kill("SIGKILL");
    for (const s of servers) s.stop(true);
    relay?.close();
  });

  test("warden pin prints the openssl pin of --cert or of server.tls.cert; bad pins and plain text are refused", () => {
    const files = selfSignedCertificate();
    const expected = opensslPin(files.cert);
    expect(expected).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const byFlag = runWarden(["pin", "--cert", files.cert]);
    expect(byFlag.code).toBe(0);
    expect(byFlag.stdout).toBe(`${expected}\n`);
    expect(byFlag.stderr).toContain("CN=127.0.0.1");
    const byConfig = runWarden(["pin"], {
      env: { WARDEN_SERVER_TLS_CERT: files.cert, WARDEN_SERVER_TLS_KEY: files.key },
    });
    expect(byConfig.stdout).toBe(`${expected}\n`);
    expect(runWarden(["pin", "--cert", files.key]).stderr).toContain("holds no PEM certificate");

    const dir = mkdtempSync(join(tmpdir(), "warden-agent-"));
    const malformed = runWarden(["agent", "--hub", "https://127.0.0.1:1", "--token", "x", "--pin", "nope"], {
      cwd: dir,
    });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('"nope" must be the base64 SHA-256');
    const config = runWarden(["config", "check"], { cwd: dir, env: { WARDEN_AGENT_PIN: "nope" } });
    expect(config.code).toBe(1);
    expect(config.stderr).toContain("agent.pin");
    const plain = runWarden(["agent", "--hub", "http://127.0.0.1:1", "--token", "x", "--pin", expected], {
      cwd: dir,
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("a pinned hub needs TLS");
  });

  test("a hub with another key gets no request: logged with both pins, retried with backoff", async () => {
    const files = selfSignedCertificate();
    const { server, counter } = countingServer(files);
    servers.push(server);
    const agent = startAgent(
      ["--hub", `https://127.0.0.1:${server.port}`, "--token", "wen_secret", "--pin", OTHER_PIN],
      files.dir,
      AGENT_ENV,
    );
    processes.push(agent);
    const refused = await agent.waitForLog((l) => l.msg === MISMATCH, 15_000);
    expect(refused.level).toBe("error");
    expect(refused.expected).toEqual([OTHER_PIN]);
    expect(refused.presented).toBe(opensslPin(files.cert));
    const retry = (l: Record<string, unknown>) => l.msg === "hub unreachable; reconnecting";
    await agent.waitForLog((l) => retry(l) && agent.logs.filter(retry).length >= 2, 10_000);
    expect(agent.logs.find(retry)?.reason).toBe("certificate pin mismatch");
    expect(counter.requests).toBe(0);
    expect(agent.proc.exitCode).toBeNull();
  }, 40_000);

  test("a key swapped between the probe and the WebSocket is refused on the WebSocket's own handshake", async () => {
    // The pinned hub is a CA (openssl's default); the impostor's certificate is signed by its
    // key, so it passes the chain check and only the pin on the second handshake refuses it.
    const pinned = selfSignedCertificate();
    const impostor = issuedCertificate(pinned);
    const real = countingServer(pinned);
    const fake = countingServer(impostor);
    servers.push(real.server, fake.server);
    // Connections alternate: the probe reaches the pinned server, the WebSocket the impostor.
    let connections = 0;
    const alternating = createServer((client) => {
      const target = connections++ % 2 === 0 ? real.server : fake.server;
      const upstream = netConnect(Number(target.port), "127.0.0.1");
      client.pipe(upstream).pipe(client);
      client.on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
    });
    relay = alternating;
    const port = await new Promise<number>((resolve) =>
      alternating.listen(0, "127.0.0.1", () => resolve((alternating.address() as { port: number }).port)),
    );
    const agent = startAgent(
      ["--hub", `https://127.0.0.1:${port}`, "--token", "wen_secret", "--pin", opensslPin(pinned.cert)],
      pinned.dir,
      AGENT_ENV,
    );
    processes.push(agent);
    const refused = await agent.waitForLog((l) => l.msg === MISMATCH, 15_000);
    expect(refused.presented).toBe(opensslPin(impostor.cert));
    // Not the probe's refusal ("certificate pin mismatch"): the TLS handshake of the WebSocket failed.
    const retried = await agent.waitForLog((l) => l.msg === "hub unreachable; reconnecting", 5_000);
    expect(retried.reason).not.toBe("certificate pin mismatch");
    expect(String(retried.reason)).toContain("TLS handshake failed");
    expect(connections).toBeGreaterThanOrEqual(2);
    expect(fake.counter.requests).toBe(0);
    expect(real.counter.requests).toBe(0);
  }, 40_000);

  test("a pinned self-signed hub: a wrong pin leaves its one-time token unspent; one pin, or one of two, enrols and streams", async () => {
    const files = selfSignedCertificate();
    const env = { WARDEN_SERVER_TLS_CERT: files.cert, WARDEN_SERVER_TLS_KEY: files.key };
    const admin = ["--email", "pin@example.test", "--username", "pin", "--role", "admin", "--password-stdin"];
    const created = runWarden(["user", "create", ...admin], {
      cwd: files.dir,
      env,
      stdin: `${TEST_PASSWORD}\n`,
    });
    expect(created.code).toBe(0);
    const hub = await startWarden({ cwd: files.dir, env });
    processes.push(hub);
    const hubUrl = `https://127.0.0.1:${new URL(hub.url).port}`;
    const login = await fetch(`${hubUrl}/api/v1/auth/login`, {
      ...insecure,
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ login: "pin", password: TEST_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const auth = { Authorization: `Bearer ${accessToken}`, "Content-Type": "application/json" };
    const oneTimeToken = async () => {
      const res = await fetch(`${hubUrl}/api/v1/hosts/enrolment-tokens`, {
        ...insecure,
        method: "POST",
        headers: auth,
        body: JSON.stringify({ name: "pinned agents", maxUses: 1 }),
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    };
    const pin = opensslPin(files.cert);
    const token = await oneTimeToken();
    const agentIn = (name: string, args: string[], extra: Record<string, string> = {}) => {
      const agent = startAgent(["--hub", hubUrl, ...args], mkdtempSync(join(tmpdir(), "warden-agent-")), {
        ...AGENT_ENV,
        WARDEN_AGENT_NAME: name,
        ...extra,
      });
      processes.push(agent);
      return agent;
    };
    const reachedHub = () =>
      hub.logs.filter((l) => String(l.msg).startsWith("agent") || l.path === "/api/v1/agents/connect");

    // Refused: a wrong pin (twice: it retries), and no pin at all (no CA vouches for the hub).
    const wrong = agentIn("wrong-pin", ["--token", token, "--pin", OTHER_PIN]);
    const unpinned = agentIn("unpinned", ["--token", token]);
    const retry = (l: Record<string, unknown>) => l.msg === "hub unreachable; reconnecting";
    await wrong.waitForLog((l) => retry(l) && wrong.logs.filter(retry).length >= 2, 20_000);
    expect(wrong.logs.find((l) => l.msg === MISMATCH)?.presented).toBe(pin);
    const untrusted = await unpinned.waitForLog(retry, 20_000);
    expect(String(untrusted.reason)).toContain("self signed certificate");
    wrong.proc.kill("SIGKILL");
    unpinned.proc.kill("SIGKILL");
    await Promise.all([wrong.proc.exited, unpinned.proc.exited]);
    expect(reachedHub()).toEqual([]);

    // The one-time token was never sent: an agent pinning the hub's key spends it now.
    const one = agentIn("one-pin", ["--token", token, "--pin", pin]);
    // Two pins (the config's list, as during a key change), one of them the hub's.
    const two = agentIn("two-pins", ["--token", await oneTimeToken()], {
      WARDEN_AGENT_PIN: `${OTHER_PIN},${pin}`,
    });
    await one.waitForLog((l) => l.msg === "enrolled with the hub", 20_000);
    await two.waitForLog((l) => l.msg === "enrolled with the hub", 20_000);
    expect(one.logs.some((l) => l.msg === MISMATCH)).toBe(false);
    const enrolled = hub.logs.filter((l) => l.msg === "agent enrolled").map((l) => String(l.hostId));
    expect(enrolled).toHaveLength(2);
    expect(reachedHub().some((l) => l.path === "/api/v1/agents/connect")).toBe(true);

    // Both stream: their hosts are up with figures.
    let streaming = 0;
    for (let i = 0; i < 50 && streaming < 2; i++) {
      await Bun.sleep(200);
      const res = await fetch(`${hubUrl}/api/v1/hosts`, { ...insecure, headers: auth });
      const hosts = (await res.json()) as { id: string; status: string; cpu: number | null }[];
      streaming = hosts.filter((h) => enrolled.includes(h.id) && h.status === "up" && h.cpu !== null).length;
    }
    expect(streaming).toBe(2);
  }, 90_000);
});
