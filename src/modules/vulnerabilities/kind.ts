import type { RecordKind } from "../../kit/record-kind.ts";

/** The names of the vulnerability record kind: its API, pages, permissions, search and views. */
export const VULNERABILITY = {
  one: "vulnerability",
  many: "vulnerabilities",
  path: "/vulnerabilities",
  api: "/api/v1/vulnerabilities",
} as const satisfies RecordKind;
