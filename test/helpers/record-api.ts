/**
 * Checks every record kind's HTTP API shares (incidents, assets, vulnerabilities, documents…):
 * list queries refused per field, soft delete and restore with their audit trail, and the
 * CSV export's download headers. Each test keeps its own kind-specific checks around them.
 */
import { expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { jsonInit, type TestApp } from "./app.ts";

/** One kind's API as its tests call it: `api(role, "/<id>…" or "?<query>", init)`. */
export type RecordApi = (role: Role, path: string, init?: RequestInit) => Promise<Response>;

/** A {@link RecordApi} below its collection's path (`/api/v1/incidents`), which it names too. */
export interface CollectionApi extends RecordApi {
  readonly collection: string;
}

/** The API of the collection at `collection` (`/api/v1/incidents`), called as the seeded users of `t`. */
export function collectionApi(t: TestApp, collection: string): CollectionApi {
  const api: RecordApi = (role, path, init) => t.as(role, `${collection}${path}`, init);
  return Object.assign(api, { collection });
}

/**
 * Expects each parameter of the `bad` query string (`name=value&…`), asked alone by a viewer
 * (`?name=value`), to answer 422 naming that parameter among the problem's fields.
 */
export async function expectQueriesRefused(api: RecordApi, bad: string): Promise<void> {
  for (const [field, value] of new URLSearchParams(bad)) {
    const res = await api("viewer", `?${field}=${encodeURIComponent(value)}`);
    expect(res.status).toBe(422);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain(field);
  }
}

/** Registers a record list's test "bad list queries: 422 naming the field": {@link expectQueriesRefused} with `bad`. */
export function testQueriesRefused(api: RecordApi, bad: string): void {
  test("bad list queries: 422 naming the field", () => expectQueriesRefused(api, bad));
}

/** The record {@link expectDeleteAndRestore} deletes and restores. */
export interface DeletedRecord {
  api: RecordApi;
  id: string;
  /** Its title (or name): a search for it finds nothing while it is deleted. */
  title: string;
  /** The audit actions' prefix, e.g. `incident`. */
  kind: string;
  /** A role below admin, refused the restore (403). */
  refusedRole: Role;
  /** Further checks while the record is deleted (its sub-resources answer 404…). */
  whileDeleted?: () => Promise<void>;
}

/**
 * An admin deletes the record (204): it answers 404 and is not listed; admins list it with
 * `deleted=only`; `refusedRole` may not restore it (403); an admin restores it (200) once
 * (409 the second time); the audit log holds its create, delete and restore. Answers the
 * restored record's body.
 */
export async function expectDeleteAndRestore(
  t: TestApp,
  record: DeletedRecord,
): Promise<Record<string, unknown>> {
  const { api, id } = record;
  const q = encodeURIComponent(record.title);
  expect((await api("admin", `/${id}`, { method: "DELETE" })).status).toBe(204);
  expect((await api("viewer", `/${id}`)).status).toBe(404);
  await record.whileDeleted?.();
  expect((await (await api("viewer", `?q=${q}`)).json()).total).toBe(0);
  const deleted = await (await api("admin", `?deleted=only&q=${q}`)).json();
  expect(deleted.items.map((i: { id: string }) => i.id)).toEqual([id]);
  expect((await api(record.refusedRole, `/${id}/restore`, jsonInit({}))).status).toBe(403);
  const restored = await api("admin", `/${id}/restore`, jsonInit({}));
  expect(restored.status).toBe(200);
  const body = await restored.json();
  expect((await api("admin", `/${id}/restore`, jsonInit({}))).status).toBe(409);
  const audit = await (await t.as("admin", `/api/v1/audit?resourceId=${id}`)).json();
  expect(audit.items.map((e: { action: string }) => e.action).sort()).toEqual(
    ["create", "delete", "restore"].map((action) => `${record.kind}.${action}`),
  );
  return body;
}

/** A record kind's record for {@link testDeleteAndRestore}: how to create one and who may not restore it. */
export interface RestoreCase {
  api: RecordApi;
  /** Creates a record with `fields` (its title) and answers it. */
  create: (fields: { title: string }) => Promise<{ id: string; title: string } & Record<string, unknown>>;
  /** The audit actions' prefix, e.g. `incident`. */
  kind: string;
  /** A role below admin, refused the restore (403). */
  refusedRole: Role;
  /** Further checks while the record `id` is deleted (its sub-resources answer 404…). */
  whileDeleted?: (id: string) => Promise<void>;
  /** Fields besides its id and title that the restored record keeps as created (a document's number…). */
  kept?: string[];
}

/**
 * Registers a record kind's test "soft delete hides it (404, not listed), admins list and
 * restore it, all audited": a record created titled `to delete …` goes through
 * {@link expectDeleteAndRestore} and comes back undeleted with its id, title and `kept` fields.
 */
export function testDeleteAndRestore(t: TestApp, c: RestoreCase): void {
  test("soft delete hides it (404, not listed), admins list and restore it, all audited", async () => {
    const record = await c.create({ title: `to delete ${Date.now()}` });
    const { whileDeleted } = c;
    const restored = await expectDeleteAndRestore(t, {
      api: c.api,
      id: record.id,
      title: record.title,
      kind: c.kind,
      refusedRole: c.refusedRole,
      whileDeleted: whileDeleted && (() => whileDeleted(record.id)),
    });
    const kept = ["id", "title", ...(c.kept ?? [])].map((field) => [field, record[field]]);
    expect(restored).toMatchObject({ ...Object.fromEntries(kept), deletedAt: null });
  });
}

/**
 * Expects `res` to be a CSV download (200, text/csv, an attachment named
 * `<name>-YYYY-MM-DD.csv`) and answers its lines.
 */
export async function csvLines(res: Response, name: string): Promise<string[]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toContain("text/csv");
  expect(res.headers.get("Content-Disposition")).toMatch(
    new RegExp(`attachment; filename="${name}-\\d{4}-\\d{2}-\\d{2}\\.csv"`),
  );
  return (await res.text()).trim().split("\r\n");
}

/**
 * A viewer's CSV export of `api`'s records for `query` (`/export?<query>`) that finds exactly one
 * record: a download named `<name>-YYYY-MM-DD.csv` ({@link csvLines}) of a header line and that
 * record's line, answered both.
 */
export async function exportedRecord(
  api: RecordApi,
  name: string,
  query: string,
): Promise<{ header: string; line: string }> {
  const lines = await csvLines(await api("viewer", `/export?${query}`), name);
  expect(lines).toHaveLength(2);
  return { header: lines[0] ?? "", line: lines[1] ?? "" };
}

/** A viewer's JSON export of `api`'s records for `query` (`/export?<query>&format=json`). */
export async function exportedJson(api: RecordApi, query: string): ReturnType<Response["json"]> {
  return (await api("viewer", `/export?${query}&format=json`)).json();
}

/**
 * Optimistic concurrency: an analyst's PATCH of version 1 with `changes` succeeds (200, the
 * changes at version 2); the manager's PATCH of version 1 changing `field` is refused (409,
 * its detail containing `detail`) and changes nothing (a viewer reads the analyst's value).
 */
export async function expectStaleWriteRefused(
  api: RecordApi,
  id: string,
  changes: Record<string, unknown>,
  field: string,
  detail = "changed by someone else",
): Promise<void> {
  const first = await api("analyst", `/${id}`, jsonInit({ version: 1, ...changes }, "PATCH"));
  expect(first.status).toBe(200);
  expect(await first.json()).toMatchObject({ ...changes, version: 2 });
  const stale = await api("manager", `/${id}`, jsonInit({ version: 1, [field]: "Lost update" }, "PATCH"));
  expect(stale.status).toBe(409);
  expect((await stale.json()).detail).toContain(detail);
  expect((await (await api("viewer", `/${id}`)).json())[field]).toBe(changes[field]);
}

/**
 * The version in `If-Match`: a PATCH with `changes` and `If-Match: "1"` succeeds (200, ETag
 * "2"); `stale` sent with the same header is refused (409); `stale` without any version is
 * refused (428). Answers the first and the last response.
 */
export async function expectVersionInHeader(
  api: RecordApi,
  id: string,
  changes: Record<string, unknown>,
  stale: Record<string, unknown>,
): Promise<{ accepted: Response; unversioned: Response }> {
  const accepted = await api("analyst", `/${id}`, jsonInit(changes, "PATCH", { "If-Match": '"1"' }));
  expect(accepted.status).toBe(200);
  expect(accepted.headers.get("ETag")).toBe('"2"');
  expect((await api("analyst", `/${id}`, jsonInit(stale, "PATCH", { "If-Match": '"1"' }))).status).toBe(409);
  const unversioned = await api("analyst", `/${id}`, jsonInit(stale, "PATCH"));
  expect(unversioned.status).toBe(428);
  return { accepted, unversioned };
}

/**
 * A status move needs the record's current `version`: an analyst's move of record `id` to
 * `refused` at the version before is refused (409), and without any version too (428); the
 * move to `to` with the version in `If-Match` is made. Answers the record that move answered.
 */
export async function expectVersionedMove(
  api: RecordApi,
  id: string,
  version: number,
  refused: string,
  to: string,
) {
  const stale = jsonInit({ status: refused, version: version - 1 });
  expect((await api("analyst", `/${id}/status`, stale)).status).toBe(409);
  expect((await api("analyst", `/${id}/status`, jsonInit({ status: refused }))).status).toBe(428);
  const moved = await api(
    "analyst",
    `/${id}/status`,
    jsonInit({ status: to }, "POST", { "If-Match": `"${version}"` }),
  );
  const record = await moved.json();
  expect(record.status).toBe(to);
  return record;
}

/** Four PATCHes of version 1 changing `field` at once: exactly one wins (200, then version 2), three get 409. */
export async function expectOneConcurrentWinner(api: RecordApi, id: string, field: string): Promise<void> {
  const results = await Promise.all(
    ["A", "B", "C", "D"].map((value) =>
      api("analyst", `/${id}`, jsonInit({ version: 1, [field]: value }, "PATCH")),
    ),
  );
  expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409]);
  expect((await (await api("viewer", `/${id}`)).json()).version).toBe(2);
}

/** A record kind's edits for {@link testOptimisticConcurrency}. */
export interface ConcurrencyCase {
  api: RecordApi;
  /** Creates a fresh record (version 1) of the kind. */
  create: () => Promise<{ id: string }>;
  /** A write against the current version, and the field of it a stale write then tries to change. */
  write: Record<string, unknown>;
  field: string;
  /** A change sent with `If-Match: "1"`, and one sent after it with the same, stale, header. */
  viaHeader: Record<string, unknown>;
  stale: Record<string, unknown>;
}

/**
 * Registers the three optimistic-concurrency tests of a record kind, each on a fresh record:
 * {@link expectStaleWriteRefused}, {@link expectVersionInHeader} and {@link expectOneConcurrentWinner}.
 */
export function testOptimisticConcurrency(c: ConcurrencyCase): void {
  test("a write against the current version succeeds and bumps it; a stale one is 409 and changes nothing", async () => {
    await expectStaleWriteRefused(c.api, (await c.create()).id, c.write, c.field);
  });
  test("If-Match carries the version; without any version the answer is 428", async () => {
    await expectVersionInHeader(c.api, (await c.create()).id, c.viaHeader, c.stale);
  });
  test("two concurrent writes of the same version: exactly one wins", async () => {
    await expectOneConcurrentWinner(c.api, (await c.create()).id, c.field);
  });
}

/**
 * An analyst creates a record by POSTing `body` to `api`'s collection (e.g. `/api/v1/incidents`):
 * expects 201, `Location` the new record's path, `ETag` "1". Answers the created record (parsed
 * JSON, as `res.json()` types it).
 */
export async function expectCreated(
  api: CollectionApi,
  body: Record<string, unknown>,
): ReturnType<Response["json"]> {
  const res = await api("analyst", "", jsonInit(body));
  expect(res.status).toBe(201);
  const created = await res.json();
  expect(res.headers.get("Location")).toBe(`${api.collection}/${created.id}`);
  expect(res.headers.get("ETag")).toBe('"1"');
  return created;
}

/** One page of a record list as the API answers it. */
export interface ListPage<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

/** A viewer's list query (`?<query>`) through `api`: answers the page. */
export async function listPage<Item>(api: RecordApi, query: string): Promise<ListPage<Item>> {
  return (await api("viewer", `?${query}`)).json();
}

/**
 * A viewer's list query (`?<query>`, with its `pageSize` and `page`) through `api`: expects that
 * page of `total` records, holding exactly the records whose `field` (`title` unless given) is
 * each of `names`, in order.
 */
export async function expectPage(
  api: RecordApi,
  query: string,
  total: number,
  names: string[],
  field = "title",
): Promise<void> {
  const params = new URLSearchParams(query);
  const page = await listPage<Record<string, unknown>>(api, query);
  expect(page).toMatchObject({
    total,
    page: Number(params.get("page")),
    pageSize: Number(params.get("pageSize")),
  });
  expect(page.items.map((item) => item[field])).toEqual(names);
}
