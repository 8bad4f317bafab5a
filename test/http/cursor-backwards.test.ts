/**
 * Reading record lists backwards: `before` (a page's `previousCursor`) reads the page before
 * it, for every record list (those of `LISTS` and risks) and every sort key both ways —
 * walking back from the last page by `previousCursor` meets the pages walking forward met, in
 * reverse; next then previous is the same page, also when newer records were inserted between
 * the reads; `previousCursor` is null on the first page; `before` with `cursor` or a page is a
 * 422 naming `before`, a tampered one too.
 */
import { expect, test } from "bun:test";
import { RISK_SORT } from "../../src/modules/risks/risk-input.ts";
import { useTestApp } from "../helpers/app.ts";
import { bothWays, describeSeededLists, LISTS, type ListCase, rowCreator } from "../helpers/record-lists.ts";

const t = useTestApp({ rateLimit: { enabled: false } });

/** The record lists, risks with them (their owner is a user of the test app). */
const CASES: (ListCase & { newestFirst: string })[] = [
  ...LISTS.map((list) => ({ ...list, newestFirst: list.kind === "alerts" ? "-firstSeen" : "-createdAt" })),
  {
    kind: "risks",
    path: "/api/v1/risks",
    body: (i) => ({
      title: `Risk ${i % 3}`,
      category: "technical",
      owner: t.users.analyst.id,
      inherentLikelihood: (i % 5) + 1,
      inherentImpact: (i % 4) + 1,
    }),
    sorts: [...RISK_SORT],
    newestFirst: "-createdAt",
  },
];

interface Body {
  items: { id: string }[];
  page: number;
  nextCursor: string | null;
  previousCursor: string | null;
}

const insert = rowCreator(t);

async function read(list: ListCase, query: Record<string, string>): Promise<Body> {
  const res = await t.as("admin", `${list.path}?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
}

const ids = (body: Body) => body.items.map((item) => item.id);

/** The 422's fields of `query`. */
async function refusedFields(list: ListCase, query: string): Promise<string[]> {
  const res = await t.as("admin", `${list.path}?${query}`);
  expect(res.status).toBe(422);
  return (await res.json()).errors.map((e: { field: string }) => e.field);
}

describeSeededLists(CASES, 8, insert, (list) => {
  test.each(bothWays(list.sorts))(
    "walking back by previousCursor in %s meets the pages walking forward met",
    async (sort) => {
      const forward: Body[] = [await read(list, { sort, pageSize: "3" })];
      expect(forward[0]?.previousCursor).toBeNull();
      for (let next = forward[0]?.nextCursor; next; next = forward.at(-1)?.nextCursor)
        forward.push(await read(list, { sort, pageSize: "3", cursor: next }));
      expect(forward.length).toBeGreaterThanOrEqual(3);
      const back: Body[] = [forward.at(-1) as Body];
      for (let before = back[0]?.previousCursor; before; before = back.at(-1)?.previousCursor)
        back.push(await read(list, { sort, pageSize: "3", before }));
      expect(back.reverse().map(ids)).toEqual(forward.map(ids));
    },
  );

  test("next then previous is the same page, also when newer records were inserted between", async () => {
    const sort = list.newestFirst;
    const first = await read(list, { sort, pageSize: "3" });
    expect(first.previousCursor).toBeNull();
    const second = await read(list, { sort, pageSize: "3", cursor: first.nextCursor ?? "" });
    expect(second.previousCursor).not.toBeNull();
    const back = await read(list, { sort, pageSize: "3", before: second.previousCursor ?? "" });
    expect(ids(back)).toEqual(ids(first));
    expect(back.previousCursor).toBeNull();
    expect(back.nextCursor).not.toBeNull();

    await insert(list);
    await insert(list);
    // The pages stand where they stood: the newer records come before the first of them.
    const backAgain = await read(list, { sort, pageSize: "3", before: second.previousCursor ?? "" });
    expect(ids(backAgain)).toEqual(ids(first));
    expect(backAgain.previousCursor).not.toBeNull();
    const forwardAgain = await read(list, { sort, pageSize: "3", cursor: backAgain.nextCursor ?? "" });
    expect(ids(forwardAgain)).toEqual(ids(second));
    const newest = await read(list, { sort, pageSize: "3", before: backAgain.previousCursor ?? "" });
    expect(newest.items).toHaveLength(2);
    expect(newest.previousCursor).toBeNull();
  });

  test("before with cursor or a page, or tampered, is a 422 naming before", async () => {
    const first = await read(list, { pageSize: "2" });
    const second = await read(list, { pageSize: "2", cursor: first.nextCursor ?? "" });
    const before = second.previousCursor ?? "";
    expect(await refusedFields(list, `cursor=${first.nextCursor}&before=${before}`)).toEqual(["before"]);
    expect(await refusedFields(list, `page=2&before=${before}`)).toEqual(["before"]);
    expect(await refusedFields(list, "before=not-a-cursor")).toEqual(["before"]);
    expect(await refusedFields(list, `sort=-${list.sorts[0]},${list.sorts[1]}&before=${before}`)).toEqual([
      "before",
    ]);
  });
});

// Both ways of paging (test/http/cursor-paging.test.ts walks forward) in the API's document.
test("the OpenAPI document has the cursor and before parameters and the nextCursor and previousCursor fields of each record list", async () => {
  const doc = await (await t.as(null, "/api/v1/openapi.json")).json();
  for (const list of CASES) {
    const get = doc.paths[list.path.replace("/api/v1", "")]?.get ?? doc.paths[list.path]?.get;
    expect(get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(["cursor", "before"]),
    );
    const schema = get.responses["200"].content["application/json"].schema;
    expect(Object.keys(schema.properties ?? {})).toEqual(
      expect.arrayContaining(["nextCursor", "previousCursor"]),
    );
  }
});
