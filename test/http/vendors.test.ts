/**
 * The vendor register's API: a record kind built from the kit alone — create (422 naming the
 * field), list with filters and search, the three-state workflow (a move it refuses is a 409
 * saying where it can go; a stale version a 409; none a 428), edit, export, delete and
 * restore, every change in the audit log.
 */
import { describe, expect, test } from "bun:test";
import { withStatus } from "../helpers/answers.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";

const t = useTestApp();

const create = async (body: Record<string, unknown>) =>
  await createdAs(t, "analyst", "/api/v1/vendors", body);
const move = (id: string, status: string, version?: number) =>
  t.as("analyst", `/api/v1/vendors/${id}/status`, jsonInit({ status, version }));

describe("/api/v1/vendors", () => {
  test("bad input is a 422 naming each field, nothing stored; viewers cannot create", async () => {
    const bad = await t.as(
      "analyst",
      "/api/v1/vendors",
      jsonInit({ name: " ", tier: "huge", dataAccess: "none" }),
    );
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors).toEqual([
      { field: "name", message: "Enter a name." },
      { field: "tier", message: "Choose a criticality: low, medium, high, critical." },
    ]);
    expect(
      (await t.as("viewer", "/api/v1/vendors", jsonInit({ name: "X", tier: "low", dataAccess: "none" })))
        .status,
    ).toBe(403);
    expect((await (await t.as("viewer", "/api/v1/vendors")).json()).total).toBe(0);
  });

  test("a vendor starts proposed and moves along its workflow; refused moves say where it can go", async () => {
    const v = await create({
      name: "Acme Payroll",
      service: "Payroll",
      tier: "high",
      dataAccess: "personal",
    });
    expect([v.status, v.version, v.contact]).toEqual(["proposed", 1, ""]);

    expect((await move(v.id, "active")).status).toBe(428);
    const active = await (await withStatus(move(v.id, "active", 1), 200)).json();
    expect([active.status, active.version]).toEqual(["active", 2]);
    const stale = await move(v.id, "offboarded", 1);
    expect(stale.status).toBe(409);
    const again = await move(v.id, "active", 2);
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toBe("The vendor is active already.");
    const back = await move(v.id, "proposed", 2);
    expect((await back.json()).detail).toBe(
      "A vendor that is active can move to offboarded, not to proposed.",
    );
    expect(
      (await t.as("viewer", `/api/v1/vendors/${v.id}/status`, jsonInit({ status: "offboarded", version: 2 })))
        .status,
    ).toBe(403);
    const off = await (await withStatus(move(v.id, "offboarded", 2), 200)).json();
    expect(off.status).toBe("offboarded");

    const audit = await (await t.as("admin", `/api/v1/audit?resourceType=vendor&resourceId=${v.id}`)).json();
    expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual([
      "vendor.create",
      "vendor.status",
      "vendor.status",
    ]);
  });

  test("edit against a version, filters, search, export, delete and restore", async () => {
    const v = await create({
      name: "Northwind Hosting",
      tier: "critical",
      dataAccess: "confidential",
      contact: "ops@northwind.example",
    });
    await create({ name: "Tailspin Print", tier: "low", dataAccess: "none" });
    const edited = await (
      await withStatus(
        t.as("analyst", `/api/v1/vendors/${v.id}`, jsonInit({ version: 1, service: "Colocation" }, "PATCH")),
        200,
      )
    ).json();
    expect([edited.service, edited.version]).toEqual(["Colocation", 2]);
    expect(
      (await t.as("analyst", `/api/v1/vendors/${v.id}`, jsonInit({ version: 1, name: "x" }, "PATCH"))).status,
    ).toBe(409);

    const critical = await (await t.as("viewer", "/api/v1/vendors?tier=critical&status=proposed")).json();
    expect(critical.items.map((x: { name: string }) => x.name)).toEqual(["Northwind Hosting"]);
    const found = await (await t.as("viewer", "/api/v1/vendors?q=colocation")).json();
    expect(found.items.map((x: { id: string }) => x.id)).toEqual([v.id]);
    const everywhere = await (await t.as("viewer", "/api/v1/search?q=northwind")).json();
    expect(JSON.stringify(everywhere)).toContain(v.id);
    const csv = await (await t.as("viewer", "/api/v1/vendors/export?format=csv&sort=name")).text();
    expect(csv.split("\r\n")[0]).toBe(
      "id,name,service,tier,data_access,contact,status,created_at,updated_at",
    );
    expect(csv).toContain(
      "Northwind Hosting,Colocation,critical,confidential,ops@northwind.example,proposed",
    );

    expect((await t.as("analyst", `/api/v1/vendors/${v.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await t.as("admin", `/api/v1/vendors/${v.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await t.as("viewer", `/api/v1/vendors/${v.id}`)).status).toBe(404);
    expect(JSON.stringify(await (await t.as("viewer", "/api/v1/search?q=northwind")).json())).not.toContain(
      v.id,
    );
    expect((await t.as("admin", `/api/v1/vendors/${v.id}/restore`, jsonInit({}))).status).toBe(200);
    expect((await (await t.as("viewer", `/api/v1/vendors/${v.id}`)).json()).service).toBe("Colocation");
  });
});
