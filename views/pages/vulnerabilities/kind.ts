import type { RecordKind } from "../../components/record-kind.ts";

/** The names the vulnerability views are built from. */
export const VULNERABILITY: RecordKind = {
  one: "vulnerability",
  many: "vulnerabilities",
  path: "/vulnerabilities",
  api: "/api/v1/vulnerabilities",
};
