/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { CaseQuery } from "../../../src/modules/soc/case-input.ts";
import type { CaseView } from "../../../src/modules/soc/cases.ts";
import { CASE_KIND } from "../../../src/modules/soc/kind.ts";
import { personColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordTableSpec } from "../../components/record-table.tsx";
import { caseUrls } from "./filters.ts";

/** A case's status as a neutral badge. */
export function CaseStatus({ view, status }: { view: ViewContext; status: CaseView["status"] }) {
  return (
    <span class={`status status-${status}`} data-testid="case-status">
      {view.t(`cases.status.${status}`)}
    </span>
  );
}

/** The case table: its columns, and how a case fills each. */
export const CASE_TABLE: RecordTableSpec<CaseView, CaseQuery> = {
  kind: CASE_KIND,
  urls: caseUrls,
  columns: [
    titleColumn<CaseView>(CASE_KIND),
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (k, { view }) => <CaseStatus view={view} status={k.status} />,
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
};
