/** The asset API as the asset tests call it: requests by role, adding an asset, dependencies, its audit trail. */
import { expect } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { jsonInit, type TestApp } from "./app.ts";
import { collectionApi } from "./record-api.ts";

/**
 * Helpers bound to the test file's app (from `useTestApp`: they call it only inside tests):
 * `api(role, path)` below `/api/v1/cmdb/assets`, `add` (201, answers the asset; a unique
 * name and type server unless `fields` say otherwise), `dependOn` (POST a dependency),
 * `auditOf` (the asset's audit entries).
 */
export function assetsApi(t: TestApp) {
  const api = collectionApi(t, "/api/v1/cmdb/assets");
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
      return (await (await t.as("admin", `/api/v1/audit?resourceId=${id}`)).json()).items;
    },
  };
}
