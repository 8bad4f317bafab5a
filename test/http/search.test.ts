/**
 * The one search index and `GET /api/v1/search`: every record kind's create, edit, delete
 * and restore keep the index in step; hits only of kinds the caller may read; FTS5 syntax
 * in the input never answers a 500; a failing index write rolls the change back; and the
 * migration indexes records that existed before it; a word that starts no longer word is
 * matched whole, with the same hits.
 */
import { describe, expect, test } from "bun:test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { desc, eq } from "drizzle-orm";
import { openDatabase } from "../../src/db/client.ts";
import { migrate, readMigrations } from "../../src/db/migrate.ts";
import { matchOf, searchRecords } from "../../src/kit/search.ts";
import { searchEntries } from "../../src/kit/search-entries.ts";
import { searchIndex } from "../../src/kit/search-index.ts";
import { incidents } from "../../src/modules/incidents/schema.ts";
import { threats } from "../../src/modules/threats/schema.ts";
import { createTestApp, jsonInit, useTestApp } from "../helpers/app.ts";
import { LISTS } from "../helpers/record-lists.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

type Hit = { kind: string; id: string; title: string; snippet: string; href: string };

async function search(q: string, role: "viewer" | "admin" = "viewer", extra = ""): Promise<Hit[]> {
  const res = await t.as(role, `/api/v1/search?q=${encodeURIComponent(q)}${extra}`);
  expect(res.status).toBe(200);
  return (await res.json()).hits;
}

/** A word no other record carries. */
const word = () => `w${Bun.randomUUIDv7().replaceAll("-", "").slice(-12)}`;

describe.each(LISTS)("$kind", (list) => {
  const titleField = list.titleField ?? "title";

  test("create, edit, delete and restore keep the index in step", async () => {
    const first = word();
    const res = await t.as("admin", list.path, jsonInit({ ...list.body(0), [titleField]: `Found ${first}` }));
    expect(res.status).toBe(201);
    const record = await res.json();
    const [hit] = await search(first.slice(0, 8));
    expect(hit).toMatchObject({ kind: list.kind, id: record.id });
    expect(hit?.title).toContain(`<mark>${first}</mark>`);
    expect(hit?.href).toEndWith(`/${record.id}`);

    const second = word();
    const edited = await t.as(
      "admin",
      `${list.path}/${record.id}`,
      jsonInit({ version: record.version, [titleField]: `Renamed ${second}` }, "PATCH"),
    );
    expect(edited.status).toBe(200);
    expect(await search(first)).toEqual([]);
    expect((await search(second)).map((h) => h.id)).toEqual([record.id]);

    expect((await t.as("admin", `${list.path}/${record.id}`, { method: "DELETE" })).status).toBeLessThan(300);
    expect(await search(second)).toEqual([]);
    if (list.kind === "assets") return; // assets are deleted for good
    expect((await t.as("admin", `${list.path}/${record.id}/restore`, jsonInit({}))).status).toBe(200);
    expect((await search(second)).map((h) => h.id)).toEqual([record.id]);
  });
});

test("vulnerabilities imported in bulk are indexed with the import", async () => {
  const w = word();
  const content = ["title,severity", `Imported ${w},high`].join("\r\n");
  const res = await t.as(
    "analyst",
    "/api/v1/vulnerabilities/import?dryRun=false",
    jsonInit({ format: "csv", content }),
  );
  expect(res.status).toBeLessThan(300);
  expect((await search(w)).map((h) => h.kind)).toEqual(["vulnerabilities"]);
});

describe("the search route", () => {
  test("kinds narrows the search; an unknown kind is a 422; hits carry a snippet of the body", async () => {
    const w = word();
    await t.as(
      "admin",
      "/api/v1/incidents",
      jsonInit({ title: "Alpha", severity: "low", description: `see ${w} here` }),
    );
    await t.as("admin", "/api/v1/soc/cases", jsonInit({ title: "Beta", description: `and ${w} there` }));
    expect((await search(w)).map((h) => h.kind).sort()).toEqual(["cases", "incidents"]);
    const only = await search(w, "viewer", "&kinds=cases");
    expect(only.map((h) => h.kind)).toEqual(["cases"]);
    expect(only[0]?.snippet).toContain(`<mark>${w}</mark>`);
    const bad = await t.as("viewer", `/api/v1/search?q=${w}&kinds=cases,nothing`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(["kinds"]);
  });

  test("FTS5 syntax in the input is plain text, never a 500; input without words is a 422 naming q", async () => {
    const w = word();
    await t.as(
      "admin",
      "/api/v1/incidents",
      jsonInit({ title: `Quoted "${w}" AND OR NEAR more title`, severity: "low" }),
    );
    for (const q of [
      `"${w}`,
      `${w}*`,
      `NEAR(${w} more)`,
      `${w} AND`,
      `OR ${w}`,
      `title:${w}`,
      `-${w}`,
      `(${w}`,
      `${w}^`,
    ]) {
      const res = await t.as("viewer", `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(200);
      expect((await res.json()).hits.length).toBeGreaterThan(0);
    }
    for (const q of ['"', "*", "(((", "^-:", '"*" "" *']) {
      const res = await t.as("viewer", `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect(res.status).toBe(422);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(["q"]);
    }
  });

  test("hits only of kinds the caller may read (the RBAC table decides)", async () => {
    // Every role reads the six record kinds today, so a source of a kind viewers cannot
    // read (the audit log) stands in for one.
    const w = word();
    const auditSource = { ...LIST_SOURCE, kind: "audit" as const, href: "/audit/" };
    const [entry] = await t.database.db
      .insert(searchEntries)
      .values({ kind: "audit", recordId: "a1" })
      .returning({ id: searchEntries.id });
    await t.database.db
      .insert(searchIndex)
      .values({ rowid: entry?.id, kind: "audit", recordId: "a1", title: w, body: "", updated: 1 });
    const viewer = { type: "user" as const, id: t.users.viewer.id, label: "v", role: "viewer" as const };
    const admin = { ...viewer, id: t.users.admin.id, role: "admin" as const };
    const query = { q: w, limit: 20 };
    expect((await searchRecords(t.database.db, [auditSource], viewer, query)).hits).toEqual([]);
    expect((await searchRecords(t.database.db, [auditSource], admin, query)).hits.map((h) => h.id)).toEqual([
      "a1",
    ]);
  });
});

describe("entries", () => {
  test("a write finds its row through its entry; a stray row at a new entry's id is replaced, never a 500", async () => {
    const [last] = await t.database.db
      .select({ id: searchEntries.id })
      .from(searchEntries)
      .orderBy(desc(searchEntries.id))
      .limit(1);
    const stray = (last?.id ?? 0) + 1;
    await t.database.db
      .insert(searchIndex)
      .values({ rowid: stray, kind: "incidents", recordId: "gone", title: "Stray", body: "", updated: 1 });
    const w = word();
    const res = await t.as(
      "analyst",
      "/api/v1/incidents",
      jsonInit({ title: `Fresh ${w}`, severity: "low" }),
    );
    expect(res.status).toBe(201);
    const { id } = await res.json();
    expect((await search(w)).map((h) => h.id)).toEqual([id]);
    const [entry] = await t.database.db.select().from(searchEntries).where(eq(searchEntries.recordId, id));
    expect(entry?.id).toBe(stray);
    expect(await t.database.db.select().from(searchIndex).where(eq(searchIndex.recordId, "gone"))).toEqual(
      [],
    );
    const plan = await t.database.client.execute({
      sql: "explain query plan select id from search_entries where kind = ? and record_id = ?",
      args: ["incidents", id],
    });
    expect(JSON.stringify(plan.rows)).toContain("search_entries_record_idx");
  });
});

describe("whole words", () => {
  test("a word no longer word starts with is matched whole; one that starts longer words stays a prefix", async () => {
    const w = word();
    for (const title of [`Short ${w}`, `Long ${w}suffix`]) {
      const res = await t.as("admin", "/api/v1/incidents", jsonInit({ title, severity: "low" }));
      expect(res.status).toBe(201);
    }
    const db = t.database.db;
    expect(await matchOf(db, `${w} ${w}suffix`)).toBe(`"${w}"* "${w}suffix"`);
    expect(await matchOf(db, `${w.toUpperCase()}SUFFIX`)).toBe(`"${w.toUpperCase()}SUFFIX"`);
    // Words of other letters or with `_` (a separator for the tokenizer) stay prefixes.
    expect(await matchOf(db, `é${w} ${w}_x`)).toBe(`"é${w}"* "${w}_x"*`);
    expect((await search(w)).map((h) => h.title).sort()).toEqual([
      `Long <mark>${w}suffix</mark>`,
      `Short <mark>${w}</mark>`,
    ]);
    expect((await search(`${w}suffix`)).map((h) => h.title)).toEqual([`Long <mark>${w}suffix</mark>`]);
  });
});

const LIST_SOURCE = {
  kind: "incidents" as const,
  table: incidents,
  id: incidents.id,
  title: incidents.title,
  body: [incidents.description],
  updatedAt: incidents.updatedAt,
  href: "/incidents/",
};

describe("atomicity and backfill", () => {
  test("a failing index write rolls the change back (generic 500, record unchanged)", async () => {
    const app = await createTestApp({ rateLimit: { enabled: false } });
    try {
      const created = await (
        await app.as("analyst", "/api/v1/incidents", jsonInit({ title: "Before", severity: "low" }))
      ).json();
      const other = createClient({ url: app.config.get().database.url ?? "" });
      await other.execute("DROP TABLE search_index");
      other.close();
      const res = await app.as(
        "analyst",
        `/api/v1/incidents/${created.id}`,
        jsonInit({ version: 1, title: "After" }, "PATCH"),
      );
      expect(res.status).toBe(500);
      const now = await (await app.as("viewer", `/api/v1/incidents/${created.id}`)).json();
      expect(now).toMatchObject({ title: "Before", version: 1 });
    } finally {
      await app.close();
    }
  });

  test("the migration indexes the live records that existed before it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-search-"));
    const database = await openDatabase({ url: `file:${join(dir, "w.db")}`, busyTimeoutMs: 1000 });
    try {
      const all = readMigrations();
      const before = all.slice(
        0,
        all.findIndex((m) => m.tag.endsWith("_search_index")),
      );
      await migrate(database.client, before);
      const row = { severity: "low", createdAt: 1, updatedAt: 1, detectedAt: 1 } as const;
      await database.db.insert(incidents).values([
        { ...row, id: "i1", title: "Legacy breach" },
        { ...row, id: "i2", title: "Legacy deleted", deletedAt: 2 },
      ]);
      await migrate(database.client, all);
      const indexed = await database.db.select().from(searchIndex);
      expect(indexed.map((r) => [r.kind, r.recordId, r.title])).toEqual([
        ["incidents", "i1", "Legacy breach"],
      ]);
      // Each row is found by its entry (the rowid), not by reading the index.
      const rowids = await database.client.execute("select rowid from search_index");
      expect(await database.db.select().from(searchEntries)).toEqual([
        { id: Number(rowids.rows[0]?.rowid), kind: "incidents", recordId: "i1" },
      ]);
    } finally {
      database.client.close();
    }
  });

  test("the threats' migration indexes the live threats that existed before it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warden-search-"));
    const database = await openDatabase({ url: `file:${join(dir, "w.db")}`, busyTimeoutMs: 1000 });
    try {
      const all = readMigrations();
      await migrate(
        database.client,
        all.slice(
          0,
          all.findIndex((m) => m.tag.endsWith("_search_threats")),
        ),
      );
      const row = { category: "adversary", createdAt: 1, updatedAt: 1 } as const;
      await database.db.insert(threats).values([
        { ...row, id: "t1", name: "Legacy crew", description: "Ransom notes" },
        { ...row, id: "t2", name: "Legacy deleted", deletedAt: 2 },
      ]);
      await migrate(database.client, all);
      const indexed = await database.db.select().from(searchIndex).where(eq(searchIndex.kind, "threats"));
      expect(indexed.map((r) => [r.recordId, r.title, r.body])).toEqual([
        ["t1", "Legacy crew", "Ransom notes adversary"],
      ]);
    } finally {
      database.client.close();
    }
  });
});

describe("threats", () => {
  test("create, edit, delete and restore keep the index in step; hits link to the threat's page", async () => {
    const first = word();
    const created = await t.as(
      "analyst",
      "/api/v1/threats",
      jsonInit({ name: `Crew ${first}`, category: "adversary", description: "Phishes finance staff" }),
    );
    expect(created.status).toBe(201);
    const threat = await created.json();
    const [hit] = await search(first);
    expect(hit).toMatchObject({ kind: "threats", id: threat.id, href: `/threats/${threat.id}` });
    expect((await search(`${first} finance`)).map((h) => h.id)).toEqual([threat.id]);
    const second = word();
    const edited = await t.as(
      "analyst",
      `/api/v1/threats/${threat.id}`,
      jsonInit({ version: 1, name: `Renamed ${second}` }, "PATCH"),
    );
    expect(edited.status).toBe(200);
    expect(await search(first)).toEqual([]);
    expect((await search(second)).map((h) => h.id)).toEqual([threat.id]);
    expect((await t.as("admin", `/api/v1/threats/${threat.id}`, { method: "DELETE" })).status).toBe(204);
    expect(await search(second)).toEqual([]);
    expect((await t.as("admin", `/api/v1/threats/${threat.id}/restore`, jsonInit({}))).status).toBe(200);
    expect((await search(second)).map((h) => h.id)).toEqual([threat.id]);
  });
});
