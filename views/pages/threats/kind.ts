import type { RecordKind } from "../../components/record-kind.ts";

/** Threats as the shared record views name them. */
export const THREAT_KIND: RecordKind = {
  one: "threat",
  many: "threats",
  path: "/threats",
  api: "/api/v1/threats",
};
