/** @jsxImportSource hono/jsx */
import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import { type CaseQuery, caseQuerySchema } from "../../../src/modules/soc/case-input.ts";
import type { CaseView } from "../../../src/modules/soc/cases.ts";
import { CASE_STATUSES } from "../../../src/modules/soc/cases-schema.ts";
import { CASE_KIND } from "../../../src/modules/soc/kind.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { StatusText } from "../../components/state-badge.tsx";

/**
 * `/soc/cases`: the cases with search, status and owner filters (cases are opened from the
 * alert queue), their columns and how a case fills each.
 */
export const CASE_TABLE: RecordListSpec<CaseView, CaseQuery, { people: RecordPerson[] }> = {
  kind: CASE_KIND,
  urls: listUrls(CASE_KIND.path, caseQuerySchema),
  columns: [
    titleColumn<CaseView>(CASE_KIND),
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (k, { view }) => <StatusText view={view} many="cases" status={k.status} testid="case-status" />,
    },
    personColumn({ key: null, label: "owner" }, (k) => k.owner, "cases.noOwner"),
    {
      key: null,
      label: "alerts",
      numeric: true,
      class: "is-num num",
      cell: (k, { view }) => view.fmt.number(k.alertCount),
    },
    timeColumn({ key: "createdAt", label: "created", descendingFirst: true }, (k) => k.createdAt),
    timeColumn(
      { key: "updatedAt", label: "updated", optional: true, descendingFirst: true },
      (k) => k.updatedAt,
    ),
  ],
  fields: ({ choice, person }, { people }) => [
    choice("status", CASE_STATUSES),
    person("ownerId", people, { label: "owner", none: "cases.noOwner" }),
  ],
};
