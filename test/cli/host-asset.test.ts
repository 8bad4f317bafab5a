/**
 * `warden serve` registers the host it runs on as an asset once the sampler has read the
 * host facts, and finds the same asset again on the next start (real processes).
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWarden } from "../helpers/process.ts";

const ADMIN = { email: "root@example.test", username: "root", password: "host-asset-password-1" };

describe("the host as an asset", () => {
  test("registered at the first start, found again (not duplicated) at the next", async () => {
    const cwd = mkdtempSync(join(tmpdir(), "warden-host-asset-"));
    const first = await startWarden({ cwd });
    let assetId = "";
    try {
      const registered = await first.waitForLog((l) => l.msg === "host registered as an asset", 15_000);
      expect(registered.action).toBe("created");
      assetId = String(registered.assetId);
      const setup = await fetch(`${first.url}/api/v1/auth/setup`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(ADMIN),
      });
      expect(setup.status).toBe(201);
    } finally {
      expect(await first.stop()).toBe(0);
    }

    const second = await startWarden({ cwd });
    try {
      const again = await second.waitForLog((l) => l.msg === "host asset up to date", 15_000);
      expect(again.assetId).toBe(assetId);
      expect(second.logs.some((l) => l.msg === "host registered as an asset")).toBe(false);
      const login = await fetch(`${second.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ login: ADMIN.username, password: ADMIN.password }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const list = await fetch(`${second.url}/api/v1/cmdb/assets?pageSize=200`, {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      const items = ((await list.json()) as { items: { id: string; managedBy: string | null }[] }).items;
      expect(items.filter((a) => a.managedBy === "warden").map((a) => a.id)).toEqual([assetId]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 60_000);
});
