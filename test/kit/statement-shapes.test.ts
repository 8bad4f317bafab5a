// A condition's shape: its SQL with placeholders for its values and a signature that two
// conditions share only when they render to the same SQL. Checked by rendering through
// drizzle itself (the shaped condition with its values filled in must be the original's SQL
// and parameters), and by reading real rows through prepared statements reused per shape.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { aliasedTable, and, eq, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { users } from "../../src/db/schema/users.ts";
import { PreparedReads } from "../../src/kit/prepared-reads.ts";
import { shapeOf } from "../../src/kit/statement-shapes.ts";
import { incidents } from "../../src/modules/incidents/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";

let app: TestApp;

beforeAll(async () => {
  app = await createTestApp();
});

afterAll(async () => {
  await app.close();
});

/** The SQL and parameters of a select of incident ids under `where`. */
function rendered(where: SQL | undefined) {
  return app.database.db.select({ id: incidents.id }).from(incidents).where(where).toSQL();
}

/** The shape of `where`, which must have one. */
function shape(where: SQL | undefined) {
  const shaped = shapeOf(where);
  if (!shaped) throw new Error("no shape");
  return shaped;
}

describe("shapeOf", () => {
  const conditions: [string, (v: string) => SQL | undefined][] = [
    ["one equality", (v) => eq(incidents.severity, v as "high")],
    [
      "and, or, null test",
      (v) => and(isNull(incidents.deletedAt), or(eq(incidents.title, v), eq(incidents.category, v))),
    ],
    ["values in an sql template", (v) => sql`(${incidents.title}) > ${v} or (${incidents.title}) is ${null}`],
    ["a list", (v) => inArray(incidents.id, [v, `${v}-2`])],
  ];
  for (const [name, condition] of conditions)
    test(`${name}: the shaped SQL with its values is the original's`, () => {
      for (const value of ["high", 'it\'s "quoted"']) {
        const original = rendered(condition(value));
        const shaped = shape(condition(value));
        const filled = app.database.db
          .select({ id: incidents.id })
          .from(incidents)
          .where(shaped.where)
          .toSQL();
        expect(filled.sql).toBe(original.sql);
        const params = filled.params.map((p) => {
          const name = (p as { name?: string }).name ?? (p as { value?: { name: string } }).value?.name;
          return name === undefined ? p : shaped.values[name];
        });
        expect(params).toEqual(original.params);
      }
      // Another value, the same shape.
      expect(shape(condition("low")).signature).toBe(shape(condition("high")).signature);
    });

  test("conditions that render differently have different signatures", () => {
    const signatures = [
      eq(incidents.severity, "high"),
      eq(incidents.status, "new"),
      isNull(incidents.assignedTo),
      and(eq(incidents.severity, "high"), eq(incidents.status, "new")),
      or(eq(incidents.severity, "high"), eq(incidents.status, "new")),
      inArray(incidents.id, ["a"]),
      inArray(incidents.id, ["a", "b"]),
      sql`${incidents.title} is ${null}`,
      sql`${incidents.title} is not ${null}`,
      eq(aliasedTable(users, "assignee").id, "u"),
      eq(aliasedTable(users, "creator").id, "u"),
      eq(users.id, "u"),
      undefined,
    ].map((where) => shape(where).signature);
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  test("a condition whose SQL a signature cannot pin down has no shape", () => {
    const inline = sql`${incidents.severity} = ${"high"}`.inlineParams();
    expect(shapeOf(inline)).toBeNull();
    const subquery = app.database.db.select({ id: users.id }).from(users);
    expect(shapeOf(sql`${incidents.createdBy} in ${subquery}`)).toBeNull();
    expect(shapeOf(sql`${incidents.createdAt} > ${sql.placeholder("since")}`)).toBeNull();
    expect(shapeOf(eq(incidents.createdAt, new Date() as never))).toBeNull();
  });
});

describe("PreparedReads", () => {
  test("conditions of one shape share a statement, each read with its own values", async () => {
    const db = app.database.db;
    const now = Date.now();
    for (const [i, severity] of (["high", "low", "low"] as const).entries())
      await db.transaction(async (tx) => {
        await tx.insert(incidents).values({
          id: `shape-${i}`,
          title: `Shape ${i}`,
          severity,
          status: "new",
          detectedAt: now,
          createdAt: now,
          updatedAt: now,
        });
      });
    const reads = new PreparedReads<{ id: string }>();
    const built: string[] = [];
    const read = (where: SQL | undefined) =>
      reads.all(db, "ids", where, (w) => {
        built.push("built");
        return db.select({ id: incidents.id }).from(incidents).where(w).orderBy(incidents.id);
      });
    const ids = async (where: SQL | undefined) => (await read(where)).map((r) => r.id);
    expect(await ids(eq(incidents.severity, "high"))).toEqual(["shape-0"]);
    expect(await ids(eq(incidents.severity, "low"))).toEqual(["shape-1", "shape-2"]);
    expect(await ids(eq(incidents.severity, "medium"))).toEqual([]);
    expect(built).toHaveLength(1);
    expect(await ids(and(eq(incidents.severity, "low"), eq(incidents.id, "shape-2")))).toEqual(["shape-2"]);
    expect(built).toHaveLength(2);
    // No shape: built for this read alone.
    expect(await ids(sql`${incidents.severity} = ${"high"}`.inlineParams())).toEqual(["shape-0"]);
    expect(await ids(sql`${incidents.severity} = ${"high"}`.inlineParams())).toEqual(["shape-0"]);
    expect(built).toHaveLength(4);
  });
});
