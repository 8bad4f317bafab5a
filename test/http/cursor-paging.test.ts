/**
 * Keyset cursors of the record lists: walking each list to its end by `nextCursor`
 * while rows are inserted between pages sees every row that existed at the start exactly
 * once, for every sort key in both directions; `nextCursor` is null on the last page; a
 * malformed, tampered or foreign cursor is a 422 naming `cursor`. The export, the whole
 * filtered list, takes no cursor.
 */
import { expect, test } from "bun:test";
import { useTestApp } from "../helpers/app.ts";
import { bothWays, describeSeededLists, LISTS, type ListCase, rowCreator } from "../helpers/record-lists.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

const insert = rowCreator(t);

async function page(list: ListCase, query: string) {
  const res = await t.as("admin", `${list.path}?${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { id: string }[]; total: number; nextCursor: string | null };
}

/** Every id of the list in `sort`, read by cursor, inserting a row after each of the first pages. */
async function walk(list: ListCase, sort: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const query = new URLSearchParams({ sort, pageSize: "3", ...(cursor ? { cursor } : {}) });
    const body = await page(list, query.toString());
    seen.push(...body.items.map((item) => item.id));
    if (body.nextCursor === null) return seen;
    cursor = body.nextCursor;
    if (pages < 2) await insert(list);
  }
  throw new Error("the walk never ended");
}

describeSeededLists(LISTS, 7, insert, (list) => {
  test.each(bothWays(list.sorts))(
    "walking by cursor in %s sees every row once while rows are inserted",
    async (sort) => {
      const before = await page(list, `sort=${sort}&pageSize=200`);
      const seen = await walk(list, sort);
      expect(new Set(seen).size).toBe(seen.length);
      for (const { id } of before.items) expect(seen).toContain(id);
    },
  );

  test("the cursor order is the page order; the last page has no cursor", async () => {
    const all = await page(list, "pageSize=200");
    const first = await page(list, "pageSize=2");
    expect(first.nextCursor).not.toBeNull();
    const second = await page(list, `pageSize=2&cursor=${first.nextCursor}`);
    expect(second.items.map((r) => r.id)).toEqual(all.items.slice(2, 4).map((r) => r.id));
    expect(all.nextCursor).toBeNull();
  });

  test("a malformed, tampered or foreign cursor is a 422 naming cursor", async () => {
    const { nextCursor } = await page(list, "pageSize=1");
    const decoded = JSON.parse(Buffer.from(nextCursor ?? "", "base64url").toString());
    const tampered = [
      "not a cursor!",
      "e30",
      Buffer.from(JSON.stringify([decoded[0], decoded[1], 5])).toString("base64url"),
      Buffer.from(JSON.stringify([decoded[0], [...decoded[1], 1], decoded[2]])).toString("base64url"),
      Buffer.from(JSON.stringify([decoded[0], decoded[1].map(() => ({})), decoded[2]])).toString("base64url"),
    ];
    for (const cursor of tampered) {
      const res = await t.as("admin", `${list.path}?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(422);
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(["cursor"]);
    }
    const foreign = await t.as(
      "admin",
      `${list.path}?sort=-${list.sorts[0]},${list.sorts[1]}&cursor=${nextCursor}`,
    );
    expect(foreign.status).toBe(422);
    const withPage = await t.as("admin", `${list.path}?page=2&cursor=${nextCursor}`);
    expect(withPage.status).toBe(422);
  });

  test("the export takes no cursor: cursor and before are a 422 naming them, like any unknown parameter", async () => {
    const { nextCursor } = await page(list, "pageSize=1");
    for (const query of [`cursor=${nextCursor}`, "cursor=zzz", "before=zzz", "cursor=a&before=b"]) {
      const res = await t.as("admin", `${list.path}/export?format=json&${query}`);
      expect(res.status).toBe(422);
      const fields = (await res.json()).errors.map((e: { field: string; message: string }) => e.field);
      expect(fields).toEqual([...new URLSearchParams(query).keys()]);
    }
    const whole = await t.as("admin", `${list.path}/export?format=json`);
    expect(whole.status).toBe(200);
    expect(((await whole.json()) as unknown[]).length).toBe((await page(list, "pageSize=200")).total);
  });
});
