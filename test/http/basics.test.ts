import { beforeAll, describe, expect, test } from "bun:test";
import { z } from "zod";
import { ApiRouter } from "../../src/lib/api-router.ts";
import { createTestApp, useTestApp } from "../helpers/app.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";

const t = useTestApp({ cors: { origins: ["https://ok.example"] } });
beforeAll(async () => {
  // A route declared the way every API route is, to exercise validation and error mapping.
  const probe = new ApiRouter("/probe", "Probe").post(
    "/echo",
    {
      summary: "echo",
      permission: "signed-in",
      body: z.object({ name: z.string().min(2), count: z.number().int().positive() }),
      responses: {},
    },
    (c, { body }) => c.json(body),
  );
  t.app.route("/api/v1/probe", probe.hono);
  t.app.get("/boom", () => {
    throw new Error("secret internals at /etc/shadow");
  });
  t.app.get("/api/v1/boom", () => {
    throw new Error("secret internals at /etc/shadow");
  });
});

/** Requests as a signed-in viewer; the anonymous cases are in test/http/auth.test.ts. */
const req = (path: string, init?: RequestInit) => t.as("viewer", path, init);
const json = (body: string, type = "application/json") => ({
  method: "POST",
  headers: { "Content-Type": type },
  body,
});

describe("health", () => {
  test("/healthz answers while the process is up", async () => {
    const res = await req("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", version: "0.0.0-test" });
  });

  test("/readyz is 200 when migrated and 503 when a migration is missing", async () => {
    const ok = await req("/readyz");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "ready", checks: { database: "ok", migrations: "ok" } });
    const other = await createTestApp();
    await other.database.client.execute("DELETE FROM __warden_migrations");
    const res = await other.as(null, "/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: "not_ready", checks: { migrations: "pending" } });
    other.close();
  });
});

describe("requests and errors", () => {
  test("every response carries a request id; a sane incoming one is kept", async () => {
    const res = await req("/healthz");
    expect(res.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await req("/healthz", { headers: { "X-Request-Id": "trace-123" } });
    expect(echoed.headers.get("X-Request-Id")).toBe("trace-123");
  });

  test("unknown API route: 404 problem+json", async () => {
    const res = await req("/api/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toMatchObject({
      type: "urn:warden:problem:not_found",
      status: 404,
      instance: "/api/v1/nothing-here",
    });
    expect(body.requestId).toBe(res.headers.get("X-Request-Id"));
  });

  test("wrong method on an API path: 405 problem+json with Allow", async () => {
    const res = await req("/api/v1/soc/alerts", { method: "PUT", body: "{}" });
    expect(res.status).toBe(405);
    expect(res.headers.get("Content-Type")).toBe("application/problem+json");
    expect(res.headers.get("Allow")).toBe("GET, HEAD, POST");
    expect(await res.json()).toMatchObject({
      type: "urn:warden:problem:method_not_allowed",
      status: 405,
      detail: "This address does not take PUT. It takes GET, HEAD, POST.",
      instance: "/api/v1/soc/alerts",
    });
    const record = await t.as("admin", "/api/v1/incidents/some-id", { method: "POST", body: "{}" });
    expect(record.status).toBe(405);
    expect(record.headers.get("Allow")).toBe("DELETE, GET, HEAD, PATCH");
    // A path no route takes stays a 404, and pages keep their 404 page.
    expect((await req("/api/v1/soc/nothing", { method: "DELETE" })).status).toBe(404);
    const page = await req("/incidents", { method: "DELETE" });
    expect(page.status).toBe(404);
    expect(page.headers.get("Allow")).toBeNull();
  });

  test("unknown page: 404 error page inside the shell", async () => {
    const res = await req("/nothing-here");
    expect(res.status).toBe(404);
    const html = await res.text();
    expectContains(html, ['<h1 id="error-title">Page not found</h1>', 'href="/"', '<nav id="nav"']);
  });

  test("malformed JSON: 400; wrong content type: 415; invalid fields: 422 listing each", async () => {
    const bad = await req("/api/v1/probe/echo", json("{ nope"));
    expect(bad.status).toBe(400);
    expect((await bad.json()).detail).toBe("The request body is not valid JSON.");
    const wrongType = await req("/api/v1/probe/echo", json("name=x", "application/x-www-form-urlencoded"));
    expect(wrongType.status).toBe(415);
    const invalid = await req("/api/v1/probe/echo", json(JSON.stringify({ name: "x", count: -1, extra: 1 })));
    expect(invalid.status).toBe(422);
    const problem = await invalid.json();
    // A field the route does not take is refused with the rest, not dropped.
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(["count", "extra", "name"]);
    const ok = await req("/api/v1/probe/echo", json(JSON.stringify({ name: "xy", count: 2 })));
    expect(await ok.json()).toEqual({ name: "xy", count: 2 });
  });

  test("bodies over server.bodyLimitBytes: 413, with or without Content-Length", async () => {
    const big = "x".repeat(1024 * 1024 + 10);
    const res = await req("/api/v1/probe/echo", json(big));
    expect(res.status).toBe(413);
    expect((await res.json()).type).toBe("urn:warden:problem:payload_too_large");
    const stream = new Blob([big]).stream();
    const chunked = await req("/api/v1/probe/echo", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  test("unexpected errors: generic 500, no internals to the client, logged with the request id", async () => {
    for (const path of ["/api/v1/boom", "/boom"]) {
      const res = await req(path);
      expect(res.status).toBe(500);
      const text = await res.text();
      expectLacks(text, ["secret internals", "/etc/shadow"]);
      const id = res.headers.get("X-Request-Id") as string;
      expect(
        t.logs.some((l) => l.includes("unhandled error") && l.includes(id) && l.includes("secret internals")),
      ).toBe(true);
    }
  });
});

describe("pages", () => {
  test("a normal request gets the full document, an htmx partial only the main region", async () => {
    const full = await req("/");
    const fullHtml = await full.text();
    expect(fullHtml.startsWith("<!doctype html>")).toBe(true);
    expectContains(fullHtml, ['<main id="main"', "<h1>Dashboard</h1>"]);
    expect(full.headers.get("Vary")).toContain("HX-Request-Type");
    const partial = await req("/", { headers: { "HX-Request": "true", "HX-Request-Type": "partial" } });
    const html = await partial.text();
    expect(html).not.toContain("<html");
    expectContains(html, [
      '<main id="main"',
      '<nav id="nav" class="nav" aria-label="Main" hx-swap-oob="true">',
      "<title>Dashboard · Warden</title>",
    ]);
  });

  test("navigation marks the current page and shows areas not built yet as unavailable", async () => {
    const html = await (await t.as("admin", "/")).text();
    expect(html).toMatch(/<a href="\/" class="nav-link" aria-current="page">/);
    // Settings is the one area not built yet: shown, not a link.
    expect(html).toMatch(
      /<span class="nav-link is-pending" aria-disabled="true"[^>]*>(?:(?!<\/span><\/li>).)*?Settings/s,
    );
    expect(html).toMatch(/<a href="\/incidents" class="nav-link">/);
  });

  test("the theme cookie is rendered on <html> so there is no flash", async () => {
    const dark = await (await req("/", { headers: { Cookie: "warden_theme=dark" } })).text();
    expect(dark).toContain('<html lang="en" data-theme="dark">');
    const system = await (await req("/", { headers: { Cookie: "warden_theme=bogus" } })).text();
    expect(system).toContain('<html lang="en">');
  });
});

describe("security headers and CORS", () => {
  test("CSP forbids inline scripts and framing; standard headers are set", async () => {
    const res = await req("/");
    const csp = res.headers.get("Content-Security-Policy") ?? "";
    const scriptSrc = csp.split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
    expect(scriptSrc.trim()).toBe("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expectLacks(csp, ["unsafe-eval", "unsafe-inline"]);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(res.headers.get("Strict-Transport-Security")).toBeNull();
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  test("only configured origins get CORS headers", async () => {
    const allowed = await req("/api/v1/system/status", {
      method: "OPTIONS",
      headers: { Origin: "https://ok.example", "Access-Control-Request-Method": "GET" },
    });
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://ok.example");
    const denied = await req("/api/v1/system/status", {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
    });
    expect(denied.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const simple = await req("/api/v1/system/status", { headers: { Origin: "https://evil.example" } });
    expect(simple.headers.get("Access-Control-Allow-Origin")).toBeNull();
    // Nothing else of CORS either, for another origin or none; the answer varies by origin.
    const none = await req("/api/v1/system/status");
    for (const res of [denied, simple, none]) {
      expect(res.headers.get("Access-Control-Allow-Credentials")).toBeNull();
      expect(res.headers.get("Access-Control-Expose-Headers")).toBeNull();
      expect(res.headers.get("Vary")).toContain("Origin");
    }
    const ok = await req("/api/v1/system/status", { headers: { Origin: "https://ok.example" } });
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe("https://ok.example");
    expect(ok.headers.get("Access-Control-Allow-Credentials")).toBe("true");
    expect(ok.headers.get("Access-Control-Expose-Headers")).toContain("X-Request-Id");
    expect(ok.headers.get("Vary")).toContain("Origin");
  });
});

describe("static assets and compression", () => {
  test("hashed URLs are immutable; ETags revalidate; unknown files 404", async () => {
    const url = t.assets.url("css/app.css");
    const res = await req(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("Content-Type")).toContain("text/css");
    const etag = res.headers.get("ETag") as string;
    const again = await req("/static/css/app.css", { headers: { "If-None-Match": etag } });
    expect(again.status).toBe(304);
    expect((await req("/static/css/app.css")).headers.get("Cache-Control")).toBe(
      "public, max-age=0, must-revalidate",
    );
    expect((await req("/static/nope.css")).status).toBe(404);
    expect((await req("/static/../package.json")).status).toBe(404);
  });

  test("pages and scripts are compressed for clients that accept gzip", async () => {
    const res = await req(t.assets.url("vendor/htmx.min.js"), { headers: { "Accept-Encoding": "gzip" } });
    expect(res.headers.get("Content-Encoding")).toBe("gzip");
    const page = await req("/", { headers: { "Accept-Encoding": "gzip" } });
    expect(page.headers.get("Content-Encoding")).toBe("gzip");
  });

  test("a file stored gzipped (Swagger UI's bundle) goes out as stored, or decompressed", async () => {
    const url = t.assets.url("vendor/swagger/swagger-ui-bundle.js");
    const gzipped = await req(url, { headers: { "Accept-Encoding": "gzip, deflate" } });
    expect(gzipped.headers.get("Content-Encoding")).toBe("gzip");
    expect(gzipped.headers.get("Content-Type")).toContain("javascript");
    const stored = new Uint8Array(await gzipped.arrayBuffer());
    const plain = await req(url, { headers: { "Accept-Encoding": "identity" } });
    expect(plain.headers.get("Content-Encoding")).toBeNull();
    expect(plain.headers.get("Vary")).toContain("Accept-Encoding");
    const text = await plain.text();
    expect(text).toContain("SwaggerUIBundle");
    expect(new TextDecoder().decode(Bun.gunzipSync(stored))).toBe(text);
  });
});

describe("rate limiting", () => {
  test("over a group's maxPerIp: 429 problem with Retry-After; other groups and health probes unaffected", async () => {
    const groups = {
      auth: { maxPerIp: 100, maxPerUser: 100 },
      api: { maxPerIp: 3, maxPerUser: 100 },
      pages: { maxPerIp: 100, maxPerUser: 100 },
    };
    const limited = await createTestApp({ rateLimit: { enabled: true, windowMs: 60_000, groups } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.as("viewer", "/api/v1/system/status")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await limited.as("admin", "/api/v1/users");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.as("viewer", "/")).status).toBe(200);
    expect((await limited.app.request("/healthz")).status).toBe(200);
    limited.close();
  });

  test("over a group's maxPerUser: 429 for that user only, whichever address they use", async () => {
    const groups = {
      auth: { maxPerIp: 100, maxPerUser: 100 },
      api: { maxPerIp: 100, maxPerUser: 2 },
      pages: { maxPerIp: 100, maxPerUser: 100 },
    };
    const limited = await createTestApp({
      rateLimit: { enabled: true, windowMs: 60_000, groups },
      server: { trustProxy: true },
    });
    const from = (ip: string) => ({ headers: { "X-Forwarded-For": ip } });
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await limited.as("analyst", "/api/v1/system/status", from(`127.0.0.${i + 2}`))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect((await limited.as("viewer", "/api/v1/system/status", from("127.0.0.2"))).status).toBe(200);
    limited.close();
  });
});
