/** @jsxImportSource hono/jsx */

import type { CaseQuery } from "../../../src/modules/soc/case-input.ts";
import type { CaseView } from "../../../src/modules/soc/cases.ts";
import { CASE_STATUSES } from "../../../src/modules/soc/cases-schema.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { CASE_TABLE } from "./case-rows.tsx";

/** Props of the case list. */
export interface CasesPageProps extends RecordListState<CaseView, CaseQuery> {
  people: { id: string; name: string }[];
}

/** `/soc/cases`: the cases with search, status and owner filters; cases are opened from the alert queue. */
export function CasesPage({ people, ...list }: CasesPageProps) {
  return (
    <RecordList
      {...list}
      table={CASE_TABLE}
      fields={({ choice, person }) => [
        choice("status", CASE_STATUSES),
        person("ownerId", people, { label: "owner", none: "cases.noOwner" }),
      ]}
    />
  );
}
