/** @jsxImportSource hono/jsx */

import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { VulnerabilityQuery } from "../../../src/modules/vulnerabilities/input.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { VULNERABILITY_STATUSES } from "../../../src/modules/vulnerabilities/schema.ts";
import { namedChoices } from "../../components/form-fields.tsx";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { VULNERABILITY_TABLE } from "./table.tsx";

/** Props of the vulnerability list. */
export interface VulnerabilitiesPageProps extends RecordListState<VulnerabilityView, VulnerabilityQuery> {
  /** How many are overdue (whatever the filters). */
  overdue: number;
  /** Assets to filter by. */
  assets: { id: string; name: string }[];
  /** People vulnerabilities can be assigned to (the assignee filter). */
  people: { id: string; name: string }[];
}

/**
 * `/vulnerabilities`: the list with search, status, severity, asset and overdue filters,
 * sortable columns and pages, all in the URL; it refreshes when anyone changes a
 * vulnerability or imports some.
 */
export function VulnerabilitiesPage({ overdue, assets, people, ...list }: VulnerabilitiesPageProps) {
  const { view, filters } = list;
  const { t, fmt } = view;
  return (
    <RecordList
      {...list}
      table={VULNERABILITY_TABLE}
      moreEvents={["imported"]}
      count={
        overdue > 0 && filters.deleted !== "only" ? (
          <>
            {" · "}
            <a
              class="vuln-overdue-link"
              href={VULNERABILITY_TABLE.urls.href(filters, { overdue: "true", page: 1 })}
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
      searchHint={t("vulnerabilities.filter.qHint")}
      fields={({ choice, person }) => [
        choice("status", VULNERABILITY_STATUSES),
        choice("severity", SEVERITIES, { labels: "severity" }),
        {
          kind: "select",
          name: "assetId",
          label: t("vulnerabilities.filter.asset"),
          options: namedChoices([{ value: "", label: t("vulnerabilities.filter.anyAsset") }], assets),
        },
        person("assignedTo", people, { label: "assignee", none: "vulnerabilities.unassigned" }),
        choice("overdue", ["true", "false"], {
          labels: (v) =>
            t(v === "true" ? "vulnerabilities.filter.overdueOnly" : "vulnerabilities.filter.notOverdue"),
        }),
      ]}
    />
  );
}
