/**
 * DNS rebinding: a request naming a host Warden does not answer to is refused before anything
 * else, so a page whose name is rebound to Warden's address cannot pass as same-origin (the
 * first-run setup, a sign-in) nor read what Warden answers anonymously.
 */
import { describe, expect, test } from "bun:test";
import { createTestApp, useTestApp } from "../helpers/app.ts";

const t = useTestApp();

/** The status of `path` asked with `Host: host` (and a same-origin `Origin` on a post). */
async function statusFor(app: typeof t, host: string, path = "/healthz", post?: Record<string, string>) {
  const headers = new Headers({ Host: host });
  if (post) {
    headers.set("Origin", `http://${host}`);
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  const init: RequestInit = post
    ? { method: "POST", headers, body: new URLSearchParams(post).toString() }
    : { headers };
  const res = await app.app.request(`http://127.0.0.1${path}`, init);
  return { status: res.status, text: await res.text() };
}

describe("the Host header", () => {
  test("IP addresses and localhost are answered", async () => {
    for (const host of ["127.0.0.1:8000", "[::1]:8000", "localhost:8000", "app.localhost", "192.0.2.7"])
      expect([host, (await statusFor(t, host)).status]).toEqual([host, 200]);
  });

  test("a name written unusually is read as the name it is, and a Host that cannot be read is refused", async () => {
    for (const host of ["LOCALHOST:8000", "localhost.:8000", "127.0.0.1.", "[::ffff:127.0.0.1]:8000"])
      expect([host, (await statusFor(t, host)).status]).toEqual([host, 200]);
    for (const host of ["evil.example.:8000", "evil.example:99999", "evil.example:80:80", "user@localhost"])
      expect([host, (await statusFor(t, host)).status]).toEqual([host, 403]);
  });

  test("behind a trusted proxy, the forwarded host is checked too (the same-origin check takes it)", async () => {
    const proxied = await createTestApp({ server: { trustProxy: true } });
    try {
      const res = await proxied.app.request("http://127.0.0.1:8000/login", {
        method: "POST",
        headers: {
          Host: "127.0.0.1:8000",
          "X-Forwarded-Host": "evil.example",
          Origin: "http://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
        body: "login=admin&password=x",
      });
      expect(res.status).toBe(403);
      const fine = await proxied.app.request("http://127.0.0.1:8000/healthz", {
        headers: { Host: "127.0.0.1:8000", "X-Forwarded-Host": "localhost:8443" },
      });
      expect(fine.status).toBe(200);
    } finally {
      await proxied.close();
    }
  });

  test("another name is refused with a message naming the setting, pages and posts too", async () => {
    const api = await statusFor(t, "evil.example:8000");
    expect(api.status).toBe(403);
    expect(api.text).toContain("server.allowedHosts");
    expect((await statusFor(t, "evil.example:8000", "/login")).status).toBe(403);
    const signIn = await statusFor(t, "evil.example:8000", "/login", { login: "admin", password: "x" });
    expect(signIn.status).toBe(403);
  });

  test("server.allowedHosts, notifications.publicUrl and the passkeys' relying party open a name", async () => {
    const open = await createTestApp({
      server: { allowedHosts: ["warden.corp", ".lab.example"] },
      notifications: { publicUrl: "https://soc.example.org" },
      auth: { passkeys: { rpId: "keys.example.net", origins: [] } },
    });
    try {
      for (const host of [
        "warden.corp",
        "WARDEN.CORP:8000",
        "lab.example",
        "a.lab.example",
        "soc.example.org",
        "keys.example.net",
      ])
        expect([host, (await statusFor(open, host)).status]).toEqual([host, 200]);
      for (const host of ["warden.corp.evil", "xlab.example", "example.org"])
        expect([host, (await statusFor(open, host)).status]).toEqual([host, 403]);
    } finally {
      await open.close();
    }
    const any = await createTestApp({ server: { allowedHosts: ["*"] } });
    try {
      expect((await statusFor(any, "anything.example")).status).toBe(200);
    } finally {
      await any.close();
    }
  });
});
