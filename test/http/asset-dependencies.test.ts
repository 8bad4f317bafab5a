/**
 * Dependencies between assets over the API: add (201, or 200 when there already), list
 * both ways, remove; never on itself; a cycle refused with 422 showing the path, also when
 * two opposite additions race; delete refused (409, naming them) while others depend.
 */
import { describe, expect, test } from "bun:test";
import { useTestApp } from "../helpers/app.ts";
import { assetsApi } from "../helpers/assets-api.ts";

const t = useTestApp();

const { api, add, dependOn, auditOf } = assetsApi(t);

describe("dependencies", () => {
  test("add, list both ways, add again (200), remove; all audited", async () => {
    const app = await add({ name: "Billing app", assetType: "application" });
    const db = await add({ name: "Billing DB", assetType: "database", criticality: "high" });
    const added = await dependOn(app.id, db.id);
    expect(added.status).toBe(201);
    expect((await added.json()).dependencies).toEqual([
      { id: db.id, name: "Billing DB", assetType: "database", criticality: "high", status: "active" },
    ]);
    expect((await dependOn(app.id, db.id)).status).toBe(200);
    const dbRead = await (await api("viewer", `/${db.id}`)).json();
    expect(dbRead.dependents.map((d: { id: string }) => d.id)).toEqual([app.id]);
    expect(dbRead.dependencies).toEqual([]);
    const removed = await api("analyst", `/${app.id}/dependencies/${db.id}`, { method: "DELETE" });
    expect(removed.status).toBe(204);
    expect((await api("analyst", `/${app.id}/dependencies/${db.id}`, { method: "DELETE" })).status).toBe(404);
    expect((await (await api("viewer", `/${app.id}`)).json()).dependencies).toEqual([]);
    expect((await auditOf(app.id)).map((e) => e.action).sort()).toEqual([
      "asset.create",
      "asset.dependency.add",
      "asset.dependency.remove",
    ]);
  });

  test("no self-dependency; unknown assets are 404", async () => {
    const asset = await add();
    const self = await dependOn(asset.id, asset.id);
    expect(self.status).toBe(422);
    expect((await self.json()).errors).toEqual([
      { field: "dependsOnId", message: "An asset cannot depend on itself." },
    ]);
    expect((await dependOn(asset.id, "missing")).status).toBe(404);
    expect((await dependOn("missing", asset.id)).status).toBe(404);
  });

  test("a dependency closing a cycle is 422, showing the existing path; nothing is written", async () => {
    const a = await add({ name: "Web A" });
    const b = await add({ name: "App B" });
    const c = await add({ name: "DB C" });
    expect((await dependOn(a.id, b.id)).status).toBe(201);
    expect((await dependOn(b.id, c.id)).status).toBe(201);
    const cycle = await dependOn(c.id, a.id);
    expect(cycle.status).toBe(422);
    const problem = await cycle.json();
    expect(problem.detail).toBe(
      "“DB C” cannot depend on “Web A”: “Web A” already depends on it (Web A → App B → DB C), so this would make a cycle.",
    );
    expect(problem.errors[0].field).toBe("dependsOnId");
    expect((await dependOn(b.id, a.id)).status).toBe(422);
    expect((await (await api("viewer", `/${c.id}`)).json()).dependencies).toEqual([]);
    // A diamond is no cycle.
    expect((await dependOn(a.id, c.id)).status).toBe(201);
  });

  test("opposite additions racing: exactly one wins", async () => {
    const a = await add();
    const b = await add();
    const results = await Promise.all([dependOn(a.id, b.id), dependOn(b.id, a.id)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
  });

  test("delete is refused (409, naming them) while others depend; it removes its own dependencies", async () => {
    const db = await add({ name: "Shared DB" });
    const app1 = await add({ name: "CRM" });
    const app2 = await add({ name: "ERP" });
    await dependOn(app1.id, db.id);
    await dependOn(app2.id, db.id);
    const refused = await api("admin", `/${db.id}`, { method: "DELETE" });
    expect(refused.status).toBe(409);
    expect((await refused.json()).detail).toBe(
      "“Shared DB” cannot be deleted: “CRM” and “ERP” depend on it. Remove those dependencies first.",
    );
    expect((await api("admin", `/${app1.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await api("viewer", `/${app1.id}`)).status).toBe(404);
    const left = await (await api("viewer", `/${db.id}`)).json();
    expect(left.dependents.map((d: { name: string }) => d.name)).toEqual(["ERP"]);
    expect((await api("admin", `/${app1.id}`, { method: "DELETE" })).status).toBe(404);
    const audit = await auditOf(app1.id);
    expect(audit.map((e) => e.action).sort()).toEqual([
      "asset.create",
      "asset.delete",
      "asset.dependency.add",
    ]);
  });
});
