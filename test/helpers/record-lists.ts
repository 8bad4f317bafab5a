/** The record lists as tests drive them through the API. */
import { beforeAll, describe, expect } from "bun:test";
import { THREAT_SORT } from "../../src/modules/threats/threat-input.ts";
import { VULNERABILITY_SORT } from "../../src/modules/vulnerabilities/input.ts";
import { jsonInit, type TestApp } from "./app.ts";

/** A record list: its path, how to create its i-th row, its sort keys and the field its records are named by. */
export interface ListCase {
  kind: string;
  path: string;
  body: (i: number) => Record<string, unknown>;
  sorts: string[];
  /** The field a record's name is in; `title` unless given. */
  titleField?: string;
}

/** Severities in turn, so rows tie on severity. */
const SEVERITIES = ["low", "medium", "high", "critical"];

/** The record lists, each row varied so sort keys tie and carry blanks. */
export const LISTS: ListCase[] = [
  {
    kind: "incidents",
    path: "/api/v1/incidents",
    body: (i) => ({ title: `Incident ${i % 3}`, severity: SEVERITIES[i % 4] }),
    sorts: ["createdAt", "updatedAt", "detectedAt", "severity", "status", "title"],
  },
  {
    kind: "assets",
    path: "/api/v1/cmdb/assets",
    body: (i) => ({
      name: `asset ${i % 3}-${Bun.randomUUIDv7()}`,
      assetType: i % 2 ? "server" : "iot",
      ...(i % 2 ? { hostname: `h${i % 3}` } : {}),
    }),
    sorts: ["name", "assetType", "criticality", "status", "hostname", "createdAt", "updatedAt"],
    titleField: "name",
  },
  {
    kind: "vulnerabilities",
    path: "/api/v1/vulnerabilities",
    body: (i) => ({ title: `Finding ${i % 3}`, severity: SEVERITIES[i % 4] }),
    sorts: [...VULNERABILITY_SORT],
  },
  {
    kind: "documents",
    path: "/api/v1/documents",
    body: (i) => ({ title: `Policy ${i % 3}`, category: i % 2 ? "policy" : "guideline" }),
    sorts: ["documentId", "title", "category", "status", "nextReviewAt", "createdAt", "updatedAt"],
  },
  {
    kind: "alerts",
    path: "/api/v1/soc/alerts",
    body: (i) => ({
      title: `Alert ${i % 3}`,
      severity: SEVERITIES[i % 4],
      dedupKey: `k${Bun.randomUUIDv7()}`,
    }),
    sorts: ["lastSeen", "firstSeen", "severity", "status", "count", "title"],
  },
  {
    kind: "cases",
    path: "/api/v1/soc/cases",
    body: (i) => ({ title: `Case ${i % 3}` }),
    sorts: ["createdAt", "updatedAt", "status", "title"],
  },
  {
    kind: "threats",
    path: "/api/v1/threats",
    body: (i) => ({ name: `Threat ${i % 3}`, category: i % 2 ? "malware" : "insider" }),
    sorts: [...THREAT_SORT],
    titleField: "name",
  },
];

/** Creates the `i`-th row of `list` through its API, as an admin (201 expected). */
export async function createRow(t: TestApp, list: ListCase, i: number): Promise<void> {
  const res = await t.as("admin", list.path, jsonInit(list.body(i)));
  expect(res.status).toBe(201);
}

/** Creates rows through the API (as {@link createRow}), numbering them across every list of the file. */
export function rowCreator(t: TestApp): (list: ListCase) => Promise<void> {
  let created = 0;
  return (list) => createRow(t, list, created++);
}

/** Every sort key of `sorts` both ways: `key`, then `-key`. */
export function bothWays(sorts: readonly string[]): string[] {
  return sorts.flatMap((key) => [key, `-${key}`]);
}

/**
 * A `describe` per list of `lists`, named by its kind, whose tests (registered by `body`) run
 * once `rows` rows of that list were created with `create`.
 */
export function describeSeededLists<L extends ListCase>(
  lists: L[],
  rows: number,
  create: (list: L) => Promise<void>,
  body: (list: L) => void,
): void {
  describe.each(lists)("$kind", (list) => {
    beforeAll(async () => {
      for (let i = 0; i < rows; i++) await create(list);
    });
    body(list);
  });
}
