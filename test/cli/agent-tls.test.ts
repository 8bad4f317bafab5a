/**
 * `warden agent` verifies the hub's certificate: against a hub whose certificate the system
 * does not trust it never gets as far as the WebSocket handshake (so never sends its token),
 * and keeps retrying, saying why.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { type AgentProcess, startAgent } from "../helpers/agent-process.ts";
import { selfSignedCertificate } from "../helpers/self-signed.ts";

describe("warden agent over TLS", () => {
  let agent: AgentProcess | null = null;
  let server: ReturnType<typeof Bun.serve> | null = null;
  afterAll(() => {
    agent?.proc.kill("SIGKILL");
    server?.stop(true);
  });

  test("refuses a hub with an untrusted (self-signed) certificate", async () => {
    const { dir, cert, key } = selfSignedCertificate();
    let requests = 0;
    server = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      tls: { cert: readFileSync(cert, "utf8"), key: readFileSync(key, "utf8") },
      fetch: () => {
        requests++;
        return new Response("no", { status: 400 });
      },
    });
    agent = startAgent(["--hub", `https://127.0.0.1:${server.port}`, "--token", "wen_secret"], dir, {
      WARDEN_AGENT_RECONNECTMINMS: "200",
      WARDEN_AGENT_RECONNECTMAXMS: "1000",
    });
    const first = await agent.waitForLog((l) => l.msg === "hub unreachable; reconnecting", 15_000);
    await agent.waitForLog((l) => l.msg === "hub unreachable; reconnecting" && l !== first, 10_000);
    expect(requests).toBe(0);
    expect(String(first.reason)).toContain("self signed certificate");
    expect(agent.proc.exitCode).toBeNull();
  }, 40_000);
});
