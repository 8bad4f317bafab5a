import type { RecordKind } from "../../kit/record-kind.ts";

/** The names the vulnerability kind is named by (API, pages, permissions). */
export const VULNERABILITY = {
  one: "vulnerability",
  many: "vulnerabilities",
  path: "/vulnerabilities",
  api: "/api/v1/vulnerabilities",
} as const satisfies RecordKind;
