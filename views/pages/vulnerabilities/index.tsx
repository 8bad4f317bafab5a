/** @jsxImportSource hono/jsx */

import type { VulnerabilityQuery } from "../../../src/modules/vulnerabilities/input.ts";
import type { VulnerabilityView } from "../../../src/modules/vulnerabilities/queries.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { VULNERABILITY_TABLE, type VulnerabilityFilterChoices } from "./table.tsx";

/** Props of the vulnerability list. */
export interface VulnerabilitiesPageProps
  extends RecordListState<VulnerabilityView, VulnerabilityQuery>,
    VulnerabilityFilterChoices {
  /** How many are overdue (whatever the filters). */
  overdue: number;
}

/**
 * `/vulnerabilities`: the list (see {@link VULNERABILITY_TABLE}) with, in its head, how many
 * are overdue (a link to them) and the import link.
 */
export function VulnerabilitiesPage({ overdue, ...list }: VulnerabilitiesPageProps) {
  const { view, filters } = list;
  const { t, fmt } = view;
  return (
    <RecordList
      {...list}
      table={VULNERABILITY_TABLE}
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
    />
  );
}
