/**
 * The assets API (CMDB): create and read with normalized host names, addresses and tags,
 * a 422 naming every bad field, roles, editing with optimistic concurrency, list filters,
 * sort and pages, export, audit and live events. Dependencies: asset-dependencies.test.ts.
 */
import { describe, expect, test } from "bun:test";
import { refusedFields } from "../helpers/answers.ts";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { assetsApi } from "../helpers/assets-api.ts";
import { recordEvents } from "../helpers/bus-events.ts";
import * as records from "../helpers/record-api.ts";

const t = useTestApp();

const { api, add, dependOn, auditOf } = assetsApi(t);

describe("create and read", () => {
  test("201 with Location and ETag; host name, addresses and tags normalized; defaults filled", async () => {
    const created = await records.expectCreated(api, {
      name: "  db01 ",
      assetType: "database",
      hostname: "DB01.Example.COM.",
      ipAddresses: ["10.0.0.5", " 2001:DB8:0:0::1 ", "10.0.0.5"],
      tags: ["Prod", "pci", "prod"],
      ownerText: "  DBA team ",
      os: "Debian 12",
      location: "Rack 4, DC1",
      description: "Primary **PostgreSQL**.",
    });
    expect(created).toMatchObject({
      name: "db01",
      assetType: "database",
      criticality: "medium",
      status: "active",
      hostname: "db01.example.com",
      ipAddresses: ["10.0.0.5", "2001:db8::1"],
      tags: ["prod", "pci"],
      ownerUserId: null,
      ownerText: "DBA team",
      owner: { id: null, name: "DBA team" },
      managedBy: null,
      version: 1,
    });
    expect(created.managedKey).toBeUndefined();
    const read = await api("viewer", `/${created.id}`);
    expect(read.headers.get("ETag")).toBe('"1"');
    expect(await read.json()).toMatchObject({ id: created.id, dependencies: [], dependents: [] });
  });

  test("a user owner comes back with the name; an unknown or inactive user is 422", async () => {
    const owned = await add({ ownerUserId: t.users.manager.id });
    expect(owned.owner).toEqual({ id: t.users.manager.id, name: "The manager" });
    const res = await api("analyst", "", jsonInit({ name: "x", assetType: "iot", ownerUserId: "nobody" }));
    expect(res.status).toBe(422);
    expect((await res.json()).errors).toEqual([{ field: "ownerUserId", message: "Choose an active user." }]);
  });

  const long = (n: number) => "a".repeat(n);
  test.each([
    ["name", "empty", { name: "" }, "Enter a name."],
    ["name", "121 characters", { name: long(121) }, "Use at most 120 characters."],
    ["assetType", "unknown type", { assetType: "toaster" }, "Choose a type"],
    ["criticality", "unknown criticality", { criticality: "extreme" }, "Choose a criticality"],
    ["status", "unknown status", { status: "lost" }, "Choose a status"],
    ["hostname", "underscore", { hostname: "bad_host.example.com" }, "Enter a DNS host name"],
    ["hostname", "leading hyphen", { hostname: "-db.example.com" }, "Enter a DNS host name"],
    ["hostname", "64-character label", { hostname: `${long(64)}.example.com` }, "Enter a DNS host name"],
    ["hostname", "an address", { hostname: "10.0.0.1" }, "Enter a DNS host name"],
    ["hostname", "256 characters", { hostname: `${"a.".repeat(127)}ab` }, "Use at most 253 characters."],
    [
      "ipAddresses.1",
      "octet over 255",
      { ipAddresses: ["10.0.0.1", "300.1.1.1"] },
      "“300.1.1.1” is not an IPv4 or IPv6 address.",
    ],
    ["ipAddresses.0", "a CIDR range", { ipAddresses: ["10.0.0.0/24"] }, "is not an IPv4 or IPv6 address"],
    ["ipAddresses.0", "an IPv6 zone", { ipAddresses: ["fe80::1%eth0"] }, "is not an IPv4 or IPv6 address"],
    ["ipAddresses.0", "leading zero", { ipAddresses: ["010.0.0.1"] }, "is not an IPv4 or IPv6 address"],
    ["ipAddresses", "not a list", { ipAddresses: "10.0.0.1" }, "Send a list of addresses."],
    [
      "ipAddresses",
      "65 addresses",
      { ipAddresses: Array.from({ length: 65 }, (_, i) => `10.0.1.${i}`) },
      "at most 64",
    ],
    ["tags.0", "a space", { tags: ["two words"] }, "“two words” is not a tag"],
    ["tags.0", "33 characters", { tags: [long(33)] }, "is not a tag"],
    ["tags", "21 tags", { tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, "Use at most 20 tags."],
    ["os", "121 characters", { os: long(121) }, "Use at most 120 characters."],
    ["location", "121 characters", { location: long(121) }, "Use at most 120 characters."],
    ["ownerText", "two owners", { ownerText: "Team", ownerUserId: "someone" }, "not both"],
    ["description", "50,001 characters", { description: long(50_001) }, "Use at most 50,000 characters."],
  ])("422 on %s (%s), nothing stored", async (field, _case, fields, message) => {
    const before = (await (await api("viewer", "?pageSize=1")).json()).total;
    const res = await api("analyst", "", jsonInit({ name: "valid", assetType: "server", ...fields }));
    expect(res.status).toBe(422);
    const errors: { field: string; message: string }[] = (await res.json()).errors;
    expect(errors.map((e) => e.field)).toEqual([field]);
    expect(errors[0]?.message).toContain(message);
    expect((await (await api("viewer", "?pageSize=1")).json()).total).toBe(before);
  });

  test("every bad field is named at once", async () => {
    const res = await api(
      "analyst",
      "",
      jsonInit({ name: "", assetType: "x", hostname: "a..b", ipAddresses: ["nope"], tags: ["A B"] }),
    );
    expect(await refusedFields(res)).toEqual(["assetType", "hostname", "ipAddresses.0", "name", "tags.0"]);
  });

  test("unknown id: 404", async () => {
    expect((await api("viewer", "/nope")).status).toBe(404);
  });
});

describe("roles", () => {
  test("viewers only read; analysts and managers write; only admins delete", async () => {
    const asset = await add();
    const other = await add();
    expect((await api("viewer", "", jsonInit({ name: "x", assetType: "server" }))).status).toBe(403);
    expect((await api("viewer", `/${asset.id}`, jsonInit({ version: 1, name: "y" }, "PATCH"))).status).toBe(
      403,
    );
    expect((await dependOn(asset.id, other.id, "viewer")).status).toBe(403);
    expect((await api("viewer", `/${asset.id}/dependencies/${other.id}`, { method: "DELETE" })).status).toBe(
      403,
    );
    expect(
      (await api("manager", `/${asset.id}`, jsonInit({ version: 1, name: "by manager" }, "PATCH"))).status,
    ).toBe(200);
    expect((await dependOn(asset.id, other.id, "manager")).status).toBe(201);
    for (const role of ["viewer", "analyst", "manager"] as const)
      expect((await api(role, `/${other.id}`, { method: "DELETE" })).status).toBe(403);
    expect((await api("viewer", "/export")).status).toBe(200);
  });
});

describe("editing with optimistic concurrency", () => {
  test("a write against the current version succeeds and bumps it; a stale one is 409 and changes nothing", async () => {
    const asset = await add({ criticality: "low" });
    const changes = { name: "Renamed", criticality: "critical", ipAddresses: ["192.0.2.7"] };
    await records.expectStaleWriteRefused(
      api,
      asset.id,
      changes,
      "name",
      "changed by someone else (now version 2, you sent 1)",
    );
  });

  test("If-Match carries the version; without any version the answer is 428; no change keeps the version", async () => {
    const asset = await add();
    const { unversioned } = await records.expectVersionInHeader(
      api,
      asset.id,
      { os: "Ubuntu 24.04" },
      { os: "x" },
    );
    expect((await unversioned.json()).detail).toContain("Send the version you read");
    const same = await api("analyst", `/${asset.id}`, jsonInit({ version: 2, os: "Ubuntu 24.04" }, "PATCH"));
    expect((await same.json()).version).toBe(2);
    expect(
      (await api("analyst", `/${asset.id}`, jsonInit({ version: 2, hostname: "not valid!" }, "PATCH")))
        .status,
    ).toBe(422);
  });

  test("two concurrent writes of the same version: exactly one wins", async () => {
    const asset = await add();
    await records.expectOneConcurrentWinner(api, asset.id, "name");
  });

  test("naming one owner replaces the other; null clears it", async () => {
    const asset = await add({ ownerText: "Network team" });
    const toUser = await api(
      "analyst",
      `/${asset.id}`,
      jsonInit({ version: 1, ownerUserId: t.users.analyst.id }, "PATCH"),
    );
    expect(await toUser.json()).toMatchObject({
      ownerUserId: t.users.analyst.id,
      ownerText: null,
      owner: { id: t.users.analyst.id, name: "The analyst" },
    });
    const toText = await api(
      "analyst",
      `/${asset.id}`,
      jsonInit({ version: 2, ownerText: "Vendor X" }, "PATCH"),
    );
    expect(await toText.json()).toMatchObject({ ownerUserId: null, ownerText: "Vendor X" });
    const cleared = await api("analyst", `/${asset.id}`, jsonInit({ version: 3, ownerText: null }, "PATCH"));
    expect((await cleared.json()).owner).toBeNull();
  });
});

describe("list", () => {
  test("filters, search over name, host name, address, OS, location and tags; sort; pages", async () => {
    const mark = `m${Date.now()}`;
    await add({ name: `${mark} edge`, assetType: "network", criticality: "high", tags: [mark, "edge"] });
    await add({
      name: `${mark} core`,
      criticality: "critical",
      hostname: `core.${mark}.example`,
      ipAddresses: ["198.51.100.23"],
      os: "FreeBSD 14",
      location: "Basement",
      tags: [mark],
    });
    await add({ name: `${mark} old`, criticality: "low", status: "retired", tags: [mark] });
    const list = (query: string) => records.listPage<{ name: string }>(api, query);
    const names = async (query: string) => (await list(query)).items.map((i) => i.name);
    expect((await list(`tag=${mark}`)).total).toBe(3);
    expect((await list(`q=${mark}`)).total).toBe(3);
    expect(await names(`tag=${mark}&assetType=network`)).toEqual([`${mark} edge`]);
    expect(await names(`tag=${mark}&criticality=critical`)).toEqual([`${mark} core`]);
    expect(await names(`tag=${mark}&status=retired`)).toEqual([`${mark} old`]);
    expect(await names(`tag=EDGE&q=${mark}`)).toEqual([`${mark} edge`]);
    for (const q of ["198.51.100.23", "freebsd", "basement", `core.${mark}`])
      expect(await names(`q=${encodeURIComponent(q)}`)).toEqual([`${mark} core`]);
    expect(await names(`tag=${mark}&sort=-criticality,name`)).toEqual([
      `${mark} core`,
      `${mark} edge`,
      `${mark} old`,
    ]);
    expect(await names(`tag=${mark}&sort=criticality`)).toEqual([
      `${mark} old`,
      `${mark} edge`,
      `${mark} core`,
    ]);
    expect(await names(`tag=${mark}&sort=-name`)).toEqual([`${mark} old`, `${mark} edge`, `${mark} core`]);
    await records.expectPage(api, `tag=${mark}&pageSize=2&page=2`, 3, [`${mark} old`], "name");
    expect((await list("q=100%25_literal")).total).toBe(0);
  });

  records.testQueriesRefused(
    api,
    "pageSize=201&sort=ownerText&assetType=toaster&criticality=extreme&status=lost",
  );
});

describe("export", () => {
  test("CSV and JSON respect the filters; lists are space-separated; formulas are defused", async () => {
    const mark = `exp${Date.now()}`;
    await add({
      name: `=cmd|' /C calc'!A0 ${mark}`,
      tags: [mark, "x"],
      ipAddresses: ["192.0.2.1", "192.0.2.2"],
    });
    await add({ name: `${mark}, "quoted"`, tags: [mark], criticality: "critical" });
    const { header, line } = await records.exportedRecord(api, "assets", `tag=${mark}&criticality=medium`);
    expect(header).toBe(
      "id,name,asset_type,criticality,status,owner,hostname,ip_addresses,os,location,tags,managed_by,created_at,updated_at",
    );
    expect(line).toContain(`'=cmd|' /C calc'!A0 ${mark}`);
    expect(line).toContain(`,192.0.2.1 192.0.2.2,`);
    expect(line).toContain(`,${mark} x,`);
    const json = await records.exportedJson(api, `tag=${mark}&sort=-criticality`);
    expect(json.map((a: { name: string }) => a.name)).toEqual([
      `${mark}, "quoted"`,
      `=cmd|' /C calc'!A0 ${mark}`,
    ]);
  });
});

describe("live events and audit", () => {
  test("every change is published on the assets topic and audited", async () => {
    const events = recordEvents(t.bus, "assets");
    const asset = await add();
    await api("analyst", `/${asset.id}`, jsonInit({ version: 1, location: "Lab" }, "PATCH"));
    await api("admin", `/${asset.id}`, { method: "DELETE" });
    const seen = events.stopExpecting("asset", ["created", "updated", "deleted"]);
    expect(seen[1]?.data).toEqual({ id: asset.id, version: 2 });
    const audit = await auditOf(asset.id);
    expect(audit.map((e) => e.action).sort()).toEqual(["asset.create", "asset.delete", "asset.update"]);
  });
});
