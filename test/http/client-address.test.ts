/**
 * The client address Warden records and limits by (audit log, per-address sign-in and
 * rate limits), over a real socket from 127.0.0.1: with `server.trustProxy`, the
 * right-most `X-Forwarded-For` entry that is not a trusted proxy, and only when the
 * connection comes from one; what the client wrote further left is never believed.
 */
import { describe, expect, test } from "bun:test";
import type { Tree } from "../../src/config/flatten.ts";
import { createTestApp, TEST_PASSWORD } from "../helpers/app.ts";
import { listen } from "../helpers/listen.ts";

/** Signs in as the viewer over HTTP with `forwarded` as X-Forwarded-For; the address the audit log recorded. */
async function recordedAddress(server: Tree, forwarded: string | null): Promise<string | null> {
  const t = await createTestApp({ server });
  const live = listen(t);
  try {
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (forwarded !== null) headers["X-Forwarded-For"] = forwarded;
    const res = await fetch(`${live.url}/api/v1/auth/login`, {
      method: "POST",
      headers,
      body: JSON.stringify({ login: "viewer", password: TEST_PASSWORD }),
    });
    expect(res.status).toBe(200);
    const audit = await (await t.as("admin", "/api/v1/audit?action=auth.login")).json();
    return audit.items[0]?.ip ?? null;
  } finally {
    await live.stop();
    await t.close();
  }
}

describe("the client address", () => {
  test.each([
    [
      "no proxy trusted: the socket's peer, whatever the header says",
      { trustProxy: false },
      "6.6.6.6",
      "127.0.0.1",
    ],
    [
      "behind a loopback proxy: the entry the proxy appended",
      { trustProxy: true },
      "203.0.113.7",
      "203.0.113.7",
    ],
    [
      "a client-written entry left of the proxy's is ignored",
      { trustProxy: true },
      "6.6.6.6, 203.0.113.7",
      "203.0.113.7",
    ],
    [
      "past a chain of trusted proxies to the first untrusted address",
      { trustProxy: true, trustedProxies: ["127.0.0.1", "10.0.0.0/8"] },
      "6.6.6.6, 198.51.100.9, 10.1.2.3, 10.0.0.1",
      "198.51.100.9",
    ],
    [
      "a connection from a proxy not listed: its own address, the header ignored",
      { trustProxy: true, trustedProxies: ["10.0.0.0/8"] },
      "203.0.113.7",
      "127.0.0.1",
    ],
    ["no header: the proxy itself", { trustProxy: true }, null, "127.0.0.1"],
    ["an entry that is no address: the last trusted hop", { trustProxy: true }, "6.6.6.6, evil", "127.0.0.1"],
  ] as [string, Tree, string | null, string][])("%s", async (_name, server, forwarded, expected) => {
    expect(await recordedAddress(server, forwarded)).toBe(expected);
  });

  test("server.trustedProxies must hold addresses or CIDR ranges", async () => {
    await expect(
      createTestApp({ server: { trustedProxies: ["10.0.0.0/8", "proxy.internal"] } }),
    ).rejects.toThrow("must be an IP address or CIDR range");
  });
});
