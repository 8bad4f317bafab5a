/**
 * The services' common parts every record kind gets from the record kit (`src/kit/
 * record-queries.ts`, `record-service.ts`), driven through each kind's API: an edit against
 * a version (428 without one, 409 on a stale one, nothing written for no change, audited
 * with the changed fields), the person field checked, and soft delete and restore.
 */
import { describe, expect, test } from "bun:test";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

/** A record kind as the kit serves it: where, how to create one, a field to edit, and its person column. */
interface KitCase {
  noun: string;
  path: string;
  create: () => Record<string, unknown>;
  field: string;
  person?: string;
  softDeleted: boolean;
}

const CASES: KitCase[] = [
  {
    noun: "incident",
    path: "/api/v1/incidents",
    create: () => ({ title: "Kit incident", severity: "low" }),
    field: "title",
    person: "assignedTo",
    softDeleted: true,
  },
  {
    noun: "asset",
    path: "/api/v1/cmdb/assets",
    create: () => ({ name: `kit-${Bun.randomUUIDv7()}`, assetType: "server" }),
    field: "name",
    person: "ownerUserId",
    softDeleted: false,
  },
  {
    noun: "vulnerability",
    path: "/api/v1/vulnerabilities",
    create: () => ({ title: "Kit finding", severity: "low" }),
    field: "title",
    person: "assignedTo",
    softDeleted: true,
  },
  {
    noun: "document",
    path: "/api/v1/documents",
    create: () => ({ title: "Kit policy", category: "policy" }),
    field: "title",
    person: "ownerId",
    softDeleted: true,
  },
  {
    noun: "alert",
    path: "/api/v1/soc/alerts",
    create: () => ({ title: "Kit alert", severity: "low", dedupKey: `kit-${Bun.randomUUIDv7()}` }),
    field: "title",
    person: "assignedTo",
    softDeleted: true,
  },
  {
    noun: "case",
    path: "/api/v1/soc/cases",
    create: () => ({ title: "Kit case" }),
    field: "title",
    person: "ownerId",
    softDeleted: true,
  },
  {
    noun: "threat",
    path: "/api/v1/threats",
    create: () => ({ name: "Kit threat", category: "malware" }),
    field: "name",
    softDeleted: true,
  },
  {
    noun: "risk",
    path: "/api/v1/risks",
    create: () => ({
      title: "Kit risk",
      category: "technical",
      owner: t.users.analyst.id,
      inherentLikelihood: 2,
      inherentImpact: 3,
    }),
    field: "title",
    person: "owner",
    softDeleted: true,
  },
];

/** Creates a record of `kind` as an admin; its id and version. */
async function created(kind: KitCase): Promise<{ id: string; version: number }> {
  return createdAs(t, "admin", kind.path, kind.create());
}

/** The audit entries of record `id` with `action`. */
async function auditOf(id: string, action: string): Promise<{ changes: Record<string, unknown> }[]> {
  const res = await t.as("admin", `/api/v1/audit?resourceId=${id}&action=${action}`);
  expect(res.status).toBe(200);
  return (await res.json()).items;
}

describe.each(CASES)("$noun", (kind) => {
  test("an edit is made against the version read: 428 without one, 409 on a stale one, written and audited otherwise", async () => {
    const record = await created(kind);
    const url = `${kind.path}/${record.id}`;
    expect((await t.as("analyst", url, jsonInit({ [kind.field]: "Renamed" }, "PATCH"))).status).toBe(428);
    const stale = await t.as("analyst", url, jsonInit({ version: 7, [kind.field]: "Renamed" }, "PATCH"));
    expect(stale.status).toBe(409);
    expect((await stale.json()).detail).toContain(`The ${kind.noun} was changed by someone else`);
    const edited = await t.as("analyst", url, jsonInit({ version: 1, [kind.field]: "Renamed" }, "PATCH"));
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ version: 2, [kind.field]: "Renamed" });
    const [entry] = await auditOf(record.id, `${kind.noun}.update`);
    expect(entry?.changes).toMatchObject({ [kind.field]: { after: "Renamed" } });
  });

  test("an edit that changes nothing writes nothing: same version, no audit entry", async () => {
    const record = await created(kind);
    const url = `${kind.path}/${record.id}`;
    const same = await t.as("analyst", url, jsonInit({ version: 1 }, "PATCH"));
    expect(same.status).toBe(200);
    expect((await same.json()).version).toBe(1);
    expect(await auditOf(record.id, `${kind.noun}.update`)).toEqual([]);
  });

  test.if(kind.person !== undefined)("the person field must name an active user: 422 naming it", async () => {
    const record = await created(kind);
    const person = kind.person as string;
    const res = await t.as(
      "analyst",
      `${kind.path}/${record.id}`,
      jsonInit({ version: 1, [person]: "no-such-user" }, "PATCH"),
    );
    expect(res.status).toBe(422);
    expect(JSON.stringify(await res.json())).toContain(person);
    expect((await (await t.as("viewer", `${kind.path}/${record.id}`)).json()).version).toBe(1);
  });

  test.if(kind.softDeleted)(
    "deleted, it is gone but listed for admins; restored once, at the next version",
    async () => {
      const record = await created(kind);
      const url = `${kind.path}/${record.id}`;
      expect((await t.as("viewer", `${kind.path}?deleted=only`)).status).toBe(403);
      expect((await t.as("admin", url, { method: "DELETE" })).status).toBe(204);
      expect((await t.as("viewer", url)).status).toBe(404);
      const deleted = await (await t.as("admin", `${kind.path}?deleted=only&pageSize=200`)).json();
      expect(deleted.items.map((r: { id: string }) => r.id)).toContain(record.id);
      const restored = await t.as("admin", `${url}/restore`, { method: "POST" });
      expect(restored.status).toBe(200);
      expect((await restored.json()).version).toBe(3);
      expect((await t.as("admin", `${url}/restore`, { method: "POST" })).status).toBe(409);
      expect((await t.as("viewer", url)).status).toBe(200);
    },
  );
});

test("a record list (cases, threats) answers the cursors of the pages after and before it", async () => {
  for (const kind of CASES.filter((k) => k.noun === "case" || k.noun === "threat")) {
    await created(kind);
    await created(kind);
  }
  for (const path of ["/api/v1/soc/cases", "/api/v1/threats"]) {
    const first = await (await t.as("viewer", `${path}?pageSize=1`)).json();
    expect(first).toMatchObject({ page: 1, pageSize: 1, previousCursor: null });
    expect(first.total).toBeGreaterThan(1);
    expect(first.nextCursor).toBeString();
    const second = await (await t.as("viewer", `${path}?pageSize=1&cursor=${first.nextCursor}`)).json();
    expect(second.previousCursor).toBeString();
    expect(second.items[0].id).not.toBe(first.items[0].id);
  }
});
