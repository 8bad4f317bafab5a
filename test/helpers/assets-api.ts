/** The asset API as the asset tests call it: requests by role, adding an asset, dependencies, its audit trail. */
import { expect } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { jsonInit, type TestApp } from "./app.ts";

/**
 * Helpers bound to the test file's app, read when called (`app` is set in `beforeAll`):
 * `api(role, path)` below `/api/v1/cmdb/assets`, `add` (201, answers the asset; a unique
 * name and type server unless `fields` say otherwise), `dependOn` (POST a dependency),
 * `auditOf` (the asset's audit entries).
 */
export function assetsApi(app: () => TestApp) {
  const api = (role: Role, path: string, init?: RequestInit) =>
    app().as(role, `/api/v1/cmdb/assets${path}`, init);
  return {
    api,
    async add(fields: Record<string, unknown> = {}, role: Role = "analyst") {
      const res = await api(
        role,
        "",
        jsonInit({ name: `asset ${Bun.randomUUIDv7()}`, assetType: "server", ...fields }),
      );
      expect(res.status).toBe(201);
      return res.json();
    },
    dependOn: (id: string, otherId: string, role: Role = "analyst") =>
      api(role, `/${id}/dependencies/${otherId}`, { method: "POST" }),
    async auditOf(id: string): Promise<{ action: string; actorType: string }[]> {
      return (await (await app().as("admin", `/api/v1/audit?resourceId=${id}`)).json()).items;
    },
  };
}
