/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { choices, namedChoices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { type VulnerabilityFilters, vulnerabilitiesHref } from "./filters.ts";
import { VULNERABILITY_TABLE } from "./table.tsx";

/** Props of the vulnerability list. */
export interface VulnerabilitiesPageProps {
  view: ViewContext;
  filters: VulnerabilityFilters;
  errors: FieldErrors;
  page: Page<VulnerabilityView>;
  /** How many are overdue (whatever the filters). */
  overdue: number;
  /** Assets to filter by. */
  assets: { id: string; name: string }[];
  /** People vulnerabilities can be assigned to (the assignee filter). */
  people: { id: string; name: string }[];
  canCreate: boolean;
  /** Admins see deleted vulnerabilities on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

/**
 * `/vulnerabilities`: the list with search, status, severity, asset and overdue filters,
 * sortable columns and pages, all in the URL; it refreshes when anyone changes a
 * vulnerability or imports some.
 */
export function VulnerabilitiesPage({
  view,
  filters,
  errors,
  page,
  overdue,
  assets,
  people,
  canCreate,
  canRestore,
  notice,
}: VulnerabilitiesPageProps) {
  const { t, fmt } = view;
  const any = { value: "", label: t("vulnerabilities.filter.any") };
  return (
    <RecordList
      view={view}
      table={VULNERABILITY_TABLE}
      filters={filters}
      page={page}
      liveEvents="vulnerability.created vulnerability.updated vulnerability.deleted vulnerability.imported"
      canCreate={canCreate}
      restore={canRestore ? { back: t("vulnerabilities.showOpen") } : undefined}
      notice={notice}
      count={
        overdue > 0 && filters.deleted !== "only" ? (
          <>
            {" · "}
            <a
              class="vuln-overdue-link"
              href={vulnerabilitiesHref(filters, { overdue: "true", page: 1 })}
              data-testid="overdue-count"
            >
              {t("vulnerabilities.overdueCount", { count: fmt.number(overdue) })}
            </a>
          </>
        ) : null
      }
      createLinks={
        <a
          class={buttonClass("secondary")}
          href="/vulnerabilities/import"
          data-testid="import-vulnerabilities"
        >
          {t("vulnerabilities.import")}
        </a>
      }
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            {
              kind: "text",
              name: "q",
              type: "search",
              label: t("vulnerabilities.filter.q"),
              maxlength: 200,
              placeholder: t("vulnerabilities.filter.qHint"),
            },
            {
              kind: "select",
              name: "status",
              label: t("vulnerabilities.filter.status"),
              options: choices([any], VULNERABILITY_STATUSES, (s) => t(`vulnerabilities.status.${s}`)),
            },
            {
              kind: "select",
              name: "severity",
              label: t("vulnerabilities.filter.severity"),
              options: choices([any], SEVERITIES, (s) => t(`severity.${s}`)),
            },
            {
              kind: "select",
              name: "assetId",
              label: t("vulnerabilities.filter.asset"),
              options: namedChoices([{ value: "", label: t("vulnerabilities.filter.anyAsset") }], assets),
            },
            {
              kind: "select",
              name: "assignedTo",
              label: t("vulnerabilities.filter.assignee"),
              options: namedChoices(
                [
                  { value: "", label: t("vulnerabilities.filter.anyone") },
                  { value: "none", label: t("vulnerabilities.unassigned") },
                ],
                people,
              ),
            },
            {
              kind: "select",
              name: "overdue",
              label: t("vulnerabilities.filter.overdue"),
              options: [
                any,
                { value: "true", label: t("vulnerabilities.filter.overdueOnly") },
                { value: "false", label: t("vulnerabilities.filter.notOverdue") },
              ],
            },
          ]}
        />
      }
    />
  );
}
