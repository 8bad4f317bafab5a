/**
 * The Hosts page (/hosts): every role sees the hosts (the local one first) with a live
 * refresh; admins create and revoke enrolment tokens and revoke agents.
 */
import { describe, expect } from "bun:test";
import { eq } from "drizzle-orm";
import { hosts } from "../../src/modules/hosts/schema.ts";
import { textWithStatus, withStatus } from "../helpers/answers.ts";
import type { TestApp } from "../helpers/app.ts";
import { appTest } from "../helpers/app-test.ts";
import { expectContains, expectLacks } from "../helpers/expect-text.ts";
import { HTMX_PARTIAL, partialOf, rowOf, signIn } from "./helpers.ts";

/** An enrolled agent host, last heard `silentMs` ago. */
async function agentHost(t: TestApp, hostname: string, silentMs: number): Promise<string> {
  const id = Bun.randomUUIDv7();
  await t.database.db.insert(hosts).values({
    id,
    hostname,
    machineKey: hostname.padEnd(32, "0"),
    credentialHash: `hash-${id}`,
    protocol: 1,
    os: "Debian GNU/Linux 12",
    cores: 8,
    memoryTotal: 16 * 2 ** 30,
    cpu: 12.34,
    memory: 56.78,
    disk: 91.2,
    connected: silentMs < 60_000,
    lastSeenAt: Date.now() - silentMs,
    createdAt: Date.now(),
  });
  return id;
}

describe("GET /hosts", () => {
  for (const role of ["admin", "manager", "analyst", "viewer"] as const)
    appTest(`${role} sees every host with its status`, async (t) => {
      await agentHost(t, "web-1", 500);
      await agentHost(t, "db-1", 30_000);
      await agentHost(t, "old-1", 3_600_000);
      const html = await textWithStatus(t.as(role, "/hosts"), 200);
      expectContains(html, [
        "<title>Hosts · Warden</title>",
        "this host",
        'hx-get="/hosts/rows"',
        'data-live-topic="hosts"',
      ]);
      expectContains(rowOf(html, "host-web-1"), [
        ">up</span>",
        "12.3 %",
        "56.8 %",
        "91.2 %",
        "Debian GNU/Linux 12",
      ]);
      expect(rowOf(html, "host-db-1")).toContain(">stale</span>");
      expect(rowOf(html, "host-old-1")).toContain(">down</span>");
      if (role === "admin")
        expectContains(html, ['data-testid="enrolment-panel"', 'data-testid="revoke-web-1"']);
      else expectLacks(html, ['data-testid="enrolment-panel"', 'data-testid="revoke-web-1"']);
    });

  appTest("partial render, and the rows fragment for the live refresh", async (t) => {
    await agentHost(t, "web-1", 500);
    expect(await partialOf(t, "viewer", "/hosts", "Hosts")).toContain('hx-swap-oob="true"');
    const rows = await textWithStatus(t.as("viewer", "/hosts/rows", { headers: HTMX_PARTIAL }), 200);
    expect(rows).toStartWith("<tr");
    expect(rows).toContain('data-testid="host-web-1"');
  });
});

describe("admins enrol and revoke", () => {
  appTest(
    "an enrolment token's secret is shown once; a bad count is a field error; revoking works",
    async (t) => {
      const admin = await signIn(t, "admin");
      const bad = await withStatus(
        admin.post("/hosts/enrolment-tokens", { name: "rack", maxUses: "0", expiresInHours: "24" }),
        422,
      );
      expect(await bad.text()).toContain('aria-invalid="true"');
      const res = await withStatus(
        admin.post("/hosts/enrolment-tokens", { name: "rack", maxUses: "5", expiresInHours: "24" }),
        201,
      );
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      const html = await res.text();
      expect(html).toMatch(/data-testid="new-token-secret">wen_\S{20,}<\/code>/);
      expect(rowOf(html, "enrolment-rack")).toContain("0 / 5");
      const id = await agentHost(t, "web-1", 500);
      await withStatus(admin.post(`/hosts/${id}/revoke`, {}), 303);
      const [row] = await t.database.db.select().from(hosts).where(eq(hosts.id, id));
      expect(row?.revokedAt).toBeNumber();
      const after = await (await admin.get("/hosts")).text();
      expect(rowOf(after, "host-web-1")).toContain(">revoked</span>");
      // The revoked host is listed, but not among those that could be up.
      expect(after).toContain(">0 of 1 up · 1 revoked<");
    },
  );

  appTest("a viewer cannot create enrolment tokens", async (t) => {
    const viewer = await signIn(t, "viewer");
    await withStatus(
      viewer.post("/hosts/enrolment-tokens", { name: "x", maxUses: "1", expiresInHours: "1" }),
      403,
    );
  });
});
