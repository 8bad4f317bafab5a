// Every record list's SQL is served by an index: for each kind, each sort key (both ways), its
// default sort and each equality filter under each sort key, without a cursor, after one and
// before one (read backwards, in the reverse order), the
// statements the list really issues (captured through drizzle's logger from the module's own
// list function) are explained by SQLite, and a plan that scans a table without an index or
// sorts the page in a temporary B-tree fails. Non-equality filters (q, tag, overdue …) are not
// checked here.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { InStatement } from "@libsql/client";
import { getTableName } from "drizzle-orm";
import { drizzle } from "drizzle-orm/libsql";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../src/db/schema/index.ts";
import { type Actor, systemActor } from "../../src/kit/actor.ts";
import { encodeCursor } from "../../src/kit/keyset.ts";
import { orderTermsOf, parseSortKeys, type SortExpression } from "../../src/lib/list-query.ts";
import { ASSET_SORT, assetQuerySchema } from "../../src/modules/assets/input.ts";
import { assetOrder, assets } from "../../src/modules/assets/schema.ts";
import { listAssets } from "../../src/modules/assets/service.ts";
import { DOCUMENT_SORT, documentQuerySchema } from "../../src/modules/documents/input.ts";
import { documentOrder, documents } from "../../src/modules/documents/schema.ts";
import { listDocuments } from "../../src/modules/documents/service.ts";
import { INCIDENT_SORT, incidentQuerySchema, listIncidents } from "../../src/modules/incidents/queries.ts";
import { incidentOrder, incidents } from "../../src/modules/incidents/schema.ts";
import { RISK_SORT, riskQuerySchema } from "../../src/modules/risks/risk-input.ts";
import { listRisks, type RiskDeps } from "../../src/modules/risks/risk-queries.ts";
import { riskOrder, risks } from "../../src/modules/risks/schema.ts";
import { ALERT_SORT, alertQuerySchema } from "../../src/modules/soc/alert-input.ts";
import { listAlerts } from "../../src/modules/soc/alert-queries.ts";
import { alertOrder, alerts } from "../../src/modules/soc/alerts-schema.ts";
import { CASE_SORT, caseQuerySchema } from "../../src/modules/soc/case-input.ts";
import { listCases } from "../../src/modules/soc/cases.ts";
import { caseOrder, cases } from "../../src/modules/soc/cases-schema.ts";
import { threatOrder, threats } from "../../src/modules/threats/schema.ts";
import { THREAT_SORT, threatQuerySchema } from "../../src/modules/threats/threat-input.ts";
import { listThreats } from "../../src/modules/threats/threat-queries.ts";
import { VULNERABILITY_SORT, vulnerabilityQuerySchema } from "../../src/modules/vulnerabilities/input.ts";
import { listVulnerabilities } from "../../src/modules/vulnerabilities/queries.ts";
import { vulnerabilities, vulnerabilityOrder } from "../../src/modules/vulnerabilities/schema.ts";
import { createTestApp, type TestApp } from "../helpers/app.ts";
import { bothWays } from "../helpers/record-lists.ts";

type Db = TestApp["database"]["db"];

/** One record list: how to read a page of it, what it sorts by and which equality filters it offers. */
interface ListCase {
  kind: string;
  table: SQLiteTable;
  sorts: readonly string[];
  order: Record<string, SortExpression>;
  filters: Record<string, string>;
  /** The list's default sort. */
  defaultSort: string;
  read: (db: Db, params: Record<string, string>) => Promise<unknown>;
}

let t: TestApp;
let log: InStatement[] | undefined;
let db: Db;
const actor = systemActor("plans");

/**
 * A record list's case from its module's own pieces: its table (named as the kind) and order
 * function, its sort keys, its query schema (which gives the default sort and parses each read's
 * params) and its list function (given the risk settings too, which risks score by); then the
 * equality filters it offers, each with a value to filter by (`name=value&…`).
 */
function listCase<T extends SQLiteTable, Q extends { sort: string }>(
  table: T,
  order: (table: T) => Record<string, SortExpression>,
  sorts: readonly string[],
  query: { parse(params: unknown): Q },
  list: (deps: RiskDeps, actor: Actor, query: Q) => Promise<unknown>,
  filters: string,
): ListCase {
  return {
    kind: getTableName(table),
    table,
    sorts,
    order: order(table),
    filters: Object.fromEntries(new URLSearchParams(filters)),
    defaultSort: query.parse({}).sort,
    read: (db, p) => list({ db, risk: () => t.config.get().risk }, actor, query.parse(p)),
  };
}

const CASES: ListCase[] = [
  listCase(
    incidents,
    incidentOrder,
    INCIDENT_SORT,
    incidentQuerySchema,
    listIncidents,
    "status=triage&severity=high&assignedTo=none",
  ),
  listCase(
    alerts,
    alertOrder,
    ALERT_SORT,
    alertQuerySchema,
    listAlerts,
    "status=new&severity=high&source=rule&host=db01&assignedTo=none",
  ),
  listCase(cases, caseOrder, CASE_SORT, caseQuerySchema, listCases, "status=open&ownerId=none"),
  listCase(threats, threatOrder, THREAT_SORT, threatQuerySchema, listThreats, "category=malware"),
  listCase(
    assets,
    assetOrder,
    ASSET_SORT,
    assetQuerySchema,
    listAssets,
    "assetType=server&criticality=high&status=active",
  ),
  listCase(
    documents,
    documentOrder,
    DOCUMENT_SORT,
    documentQuerySchema,
    listDocuments,
    "status=draft&category=policy&owner=none",
  ),
  listCase(
    risks,
    riskOrder,
    RISK_SORT,
    riskQuerySchema,
    listRisks,
    "status=assessed&category=operational&treatment=mitigate&owner=someone",
  ),
  listCase(
    vulnerabilities,
    vulnerabilityOrder,
    VULNERABILITY_SORT,
    vulnerabilityQuerySchema,
    listVulnerabilities,
    "status=open&severity=high&assignedTo=none",
  ),
];

beforeAll(async () => {
  t = await createTestApp({}, { seed: false });
  db = drizzle(t.database.client, {
    schema,
    logger: { logQuery: (sql, params) => log?.push({ sql, args: params as never }) },
  });
});

afterAll(() => t.close());

/** A cursor of the right shape for `sort` (its values only need to be bound for EXPLAIN). */
function cursorFor(list: ListCase, sort: string): string {
  const terms = orderTermsOf(parseSortKeys(sort), list.order);
  return encodeCursor({ sort, values: terms.map(() => 0), id: "0" });
}

/** The statements `list` issues for `params`. */
async function statementsOf(list: ListCase, params: Record<string, string>): Promise<InStatement[]> {
  log = [];
  await list.read(db, params);
  const statements = log;
  log = undefined;
  return statements;
}

/** What is wrong with the plans of `statements` on `table`: full scans and sorts in a temporary B-tree. */
async function missesOf(statements: InStatement[], table: string): Promise<string[]> {
  const misses: string[] = [];
  for (const statement of statements) {
    if (typeof statement === "string") continue;
    const plan = await t.database.client.execute({
      sql: `EXPLAIN QUERY PLAN ${statement.sql}`,
      args: statement.args,
    });
    for (const row of plan.rows) {
      const detail = String(row.detail);
      const fullScan = new RegExp(`^SCAN ${table}$`).test(detail);
      if (fullScan || detail.startsWith("USE TEMP B-TREE FOR")) misses.push(`${detail} in: ${statement.sql}`);
    }
  }
  return misses;
}

test("the check sees a full scan and a sort in a temporary B-tree", async () => {
  const misses = await missesOf(
    [{ sql: "select id from incidents where description = ? order by category", args: ["x"] }],
    "incidents",
  );
  expect(misses.map((m) => m.split(" in: ")[0])).toEqual(["SCAN incidents", "USE TEMP B-TREE FOR ORDER BY"]);
});

describe("every offered filter × sort of every record list is served by an index", () => {
  for (const list of CASES) {
    test(list.kind, async () => {
      const misses: string[] = [];
      const sorts = [
        ...bothWays(list.sorts),
        // The list's own default (several keys for some).
        undefined,
      ];
      const filterSets: Record<string, string>[] = [
        {},
        ...Object.entries(list.filters).map(([name, value]) => ({ [name]: value })),
      ];
      for (const filter of filterSets)
        for (const sort of sorts) {
          const params: Record<string, string> = { ...filter, ...(sort ? { sort } : {}) };
          const statements = await statementsOf(list, params);
          expect(statements.length).toBeGreaterThan(0);
          const cursor = cursorFor(list, sort ?? list.defaultSort);
          // Forward after a cursor, and backwards before one (the same index walked the other way).
          statements.push(
            ...(await statementsOf(list, { ...params, cursor })),
            ...(await statementsOf(list, { ...params, before: cursor })),
          );
          misses.push(
            ...(await missesOf(statements, list.kind)).map((m) => `${JSON.stringify(params)}: ${m}`),
          );
        }
      expect(misses).toEqual([]);
    });
  }
});
