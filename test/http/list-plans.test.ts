/**
 * The cursor query of each record list in its default sort is served by an index: its
 * `EXPLAIN QUERY PLAN` neither scans the table without one nor sorts in a temporary b-tree.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type Client, createClient } from "@libsql/client";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { LISTS } from "../helpers/record-lists.ts";

let t: TestApp;
/** A connection of its own for EXPLAIN, apart from the app's (whose writer owns its connection). */
let reader: Client;
beforeAll(async () => {
  t = await createTestApp({ rateLimit: { enabled: false } });
  reader = createClient({ url: t.config.get().database.url ?? "" });
});
afterAll(() => {
  reader.close();
  return t.close();
});

/** The statements drizzle ran while `run` ran (through the session's query logger). */
async function statementsOf(run: () => Promise<unknown>): Promise<{ sql: string; args: unknown[] }[]> {
  const session = (t.database.db as unknown as { session: { logger: unknown } }).session;
  const logger = session.logger;
  const seen: { sql: string; args: unknown[] }[] = [];
  session.logger = { logQuery: (sql: string, args: unknown[]) => seen.push({ sql, args }) };
  try {
    await run();
  } finally {
    session.logger = logger;
  }
  return seen;
}

describe.each(LISTS)("$kind", (list) => {
  test("the cursor query of the default sort uses an index: no full scan, no temporary b-tree", async () => {
    for (let i = 0; i < 3; i++)
      expect((await t.as("admin", list.path, jsonInit(list.body(i)))).status).toBe(201);
    const first = await (await t.as("admin", `${list.path}?pageSize=1`)).json();
    const statements = await statementsOf(() =>
      t.as("admin", `${list.path}?pageSize=1&cursor=${first.nextCursor}`),
    );
    const cursorQuery = statements.find(
      (s) => s.sql.includes(`from "${list.kind}"`) && / order by /.test(s.sql),
    );
    expect(cursorQuery?.sql).toMatch(/ order by .* limit /);
    const plan = await reader.execute({
      sql: `EXPLAIN QUERY PLAN ${cursorQuery?.sql}`,
      args: cursorQuery?.args as never,
    });
    const details = plan.rows.map((row) => String(row.detail));
    const table = list.kind;
    expect(details.some((d) => new RegExp(`^(SEARCH|SCAN) ${table} USING (COVERING )?INDEX`).test(d))).toBe(
      true,
    );
    expect(details.filter((d) => new RegExp(`^SCAN ${table}$`).test(d))).toEqual([]);
    expect(details.filter((d) => d.includes("TEMP B-TREE"))).toEqual([]);
  });
});
