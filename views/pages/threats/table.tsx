/** @jsxImportSource hono/jsx */
import type { ThreatQuery } from "../../../src/modules/threats/threat-input.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { listUrls } from "../../components/query-string.ts";
import type { RecordKind } from "../../components/record-kind.ts";
import type { RecordTableSpec } from "../../components/record-table.tsx";

/** The names the threat views are built from. */
export const THREAT: RecordKind = {
  one: "threat",
  many: "threats",
  path: "/threats",
  api: "/api/v1/threats",
};

/** The threat list's URLs: search, category, order and page; by name unless sorted otherwise. */
export const threatUrls = listUrls<ThreatQuery>(
  THREAT.path,
  ["q", "category", "sort", "pageSize", "page"],
  "name",
);

/** The threat table: its columns, and how a threat fills each. */
export const THREAT_TABLE: RecordTableSpec<ThreatView, ThreatQuery> = {
  kind: THREAT,
  urls: threatUrls,
  columns: [
    { key: "name", label: "name", cell: (x) => <a href={`/threats/${x.id}`}>{x.name}</a> },
    {
      key: "category",
      label: "category",
      cell: (x, { view }) => <span class="badge">{view.t(`threats.category.${x.category}`)}</span>,
    },
    {
      key: null,
      label: "techniques",
      class: "mono",
      cell: (x) => x.techniques.map((technique) => technique.attackId).join(" "),
    },
    { key: "updatedAt", label: "updated", cell: (x, { view }) => view.fmt.dateTime(x.updatedAt) },
  ],
};
