/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import type { CaseQuery } from "../../../src/modules/soc/case-input.ts";
import type { CaseView } from "../../../src/modules/soc/cases.ts";
import { CASE_STATUSES } from "../../../src/modules/soc/cases-schema.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { choices, namedChoices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import { CASE_TABLE } from "./case-rows.tsx";

/** Props of the case list. */
export interface CasesPageProps {
  view: ViewContext;
  filters: CaseQuery;
  errors: FieldErrors;
  page: Page<CaseView>;
  people: { id: string; name: string }[];
  canRestore: boolean;
  notice: string | null;
}

/** `/soc/cases`: the cases with search, status and owner filters; cases are opened from the alert queue. */
export function CasesPage({ view, filters, errors, page, people, canRestore, notice }: CasesPageProps) {
  const { t } = view;
  return (
    <RecordList
      view={view}
      table={CASE_TABLE}
      filters={filters}
      page={page}
      liveEvents="case.created case.updated case.deleted"
      canCreate={false}
      restore={canRestore ? { back: t("cases.showOpen") } : undefined}
      notice={notice}
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            { kind: "text", name: "q", type: "search", label: t("cases.filter.q"), maxlength: 200 },
            {
              kind: "select",
              name: "status",
              label: t("cases.filter.status"),
              options: choices([{ value: "", label: t("cases.filter.any") }], CASE_STATUSES, (s) =>
                t(`cases.status.${s}`),
              ),
            },
            {
              kind: "select",
              name: "ownerId",
              label: t("cases.filter.owner"),
              options: namedChoices(
                [
                  { value: "", label: t("cases.filter.anyone") },
                  { value: "none", label: t("cases.noOwner") },
                ],
                people,
              ),
            },
          ]}
        />
      }
    />
  );
}
