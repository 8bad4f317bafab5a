/** @jsxImportSource hono/jsx */
import { SEVERITIES } from "../../../src/db/schema/incidents.ts";
import { VULNERABILITY_STATUSES } from "../../../src/db/schema/vulnerabilities.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { type Page, parseSortKeys } from "../../../src/lib/list-query.ts";
import type { VulnerabilityView } from "../../../src/services/vulnerability-queries.ts";
import { DEFAULT_VULNERABILITY_SORT } from "../../../src/services/vulnerability-schemas.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { type LiveRowsSource, liveBody } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { type VulnerabilityFilters, vulnerabilitiesHref, vulnerabilityQueryString } from "./filters.ts";
import { VulnerabilityRows } from "./rows.tsx";

const LIVE: LiveRowsSource = {
  rows: "/vulnerabilities/rows",
  form: "#vulnerability-filters",
  body: "vulnerability-rows",
};

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
  canCreate: boolean;
  /** Admins see deleted vulnerabilities on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

/**
 * Columns: sort key (null: not sortable), label key, optional on phones, first click sorts
 * descending. On phones the score moves beside the severity and the status under the title.
 */
const COLUMNS = [
  ["title", "title", false, false],
  ["score", "score", true, true],
  ["severity", "severity", false, false],
  ["status", "status", true, false],
  [null, "assets", true, false],
  ["dueAt", "due", false, false],
  ["discoveredAt", "discovered", true, true],
] as const;

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
  canCreate,
  canRestore,
  notice,
}: VulnerabilitiesPageProps) {
  const { t, fmt } = view;
  const [first] = parseSortKeys<string>(filters.sort);
  const exportQuery = vulnerabilityQueryString({ ...filters, page: 1 });
  const join = exportQuery ? `${exportQuery}&` : "?";
  const sortHref = (key: string, descendingFirst: boolean) => {
    const current = first?.key === key ? (first.descending ? "descending" : "ascending") : "none";
    const descending = current === "none" ? descendingFirst : current === "ascending";
    return vulnerabilitiesHref(filters, { sort: descending ? `-${key}` : key, page: 1 });
  };
  return (
    <>
      <div class="page-head">
        <div>
          <h1>
            {filters.deleted === "only" ? t("vulnerabilities.deletedTitle") : t("vulnerabilities.title")}
          </h1>
          <p class="page-sub num" id="vulnerability-count">
            {t("vulnerabilities.count", { total: fmt.number(page.total) })}
            {overdue > 0 && filters.deleted !== "only" ? (
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
            ) : null}
          </p>
        </div>
        <div class="head-actions">
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/vulnerabilities/export${join}format=csv`}
            hx-boost="false"
            download
          >
            {t("vulnerabilities.exportCsv")}
          </a>
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/vulnerabilities/export${join}format=json`}
            hx-boost="false"
            download
          >
            {t("vulnerabilities.exportJson")}
          </a>
          {canCreate ? (
            <>
              <a
                class={buttonClass("secondary")}
                href="/vulnerabilities/import"
                data-testid="import-vulnerabilities"
              >
                {t("vulnerabilities.import")}
              </a>
              <a class={buttonClass("primary")} href="/vulnerabilities/new" data-testid="new-vulnerability">
                {t("vulnerabilities.new")}
              </a>
            </>
          ) : null}
        </div>
      </div>
      {notice ? (
        <Message view={view} kind="success" testid="vulnerabilities-notice">
          {notice}
        </Message>
      ) : null}
      <search aria-label={t("vulnerabilities.filter.label")}>
        <form method="get" action="/vulnerabilities" class="filter-bar" id="vulnerability-filters">
          <TextField
            name="q"
            type="search"
            label={t("vulnerabilities.filter.q")}
            value={filters.q}
            error={errors.q}
            maxlength={200}
            placeholder={t("vulnerabilities.filter.qHint")}
          />
          <SelectField
            name="status"
            label={t("vulnerabilities.filter.status")}
            value={filters.status ?? ""}
            error={errors.status}
            options={[
              { value: "", label: t("vulnerabilities.filter.any") },
              ...VULNERABILITY_STATUSES.map((s) => ({ value: s, label: t(`vulnerabilities.status.${s}`) })),
            ]}
          />
          <SelectField
            name="severity"
            label={t("vulnerabilities.filter.severity")}
            value={filters.severity ?? ""}
            error={errors.severity}
            options={[
              { value: "", label: t("vulnerabilities.filter.any") },
              ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
            ]}
          />
          <SelectField
            name="assetId"
            label={t("vulnerabilities.filter.asset")}
            value={filters.assetId ?? ""}
            error={errors.assetId}
            options={[
              { value: "", label: t("vulnerabilities.filter.anyAsset") },
              ...assets.map((a) => ({ value: a.id, label: a.name })),
            ]}
          />
          <SelectField
            name="overdue"
            label={t("vulnerabilities.filter.overdue")}
            value={filters.overdue ?? ""}
            error={errors.overdue}
            options={[
              { value: "", label: t("vulnerabilities.filter.any") },
              { value: "true", label: t("vulnerabilities.filter.overdueOnly") },
              { value: "false", label: t("vulnerabilities.filter.notOverdue") },
            ]}
          />
          {filters.sort !== DEFAULT_VULNERABILITY_SORT ? (
            <input type="hidden" name="sort" value={filters.sort} />
          ) : null}
          {filters.deleted === "only" ? <input type="hidden" name="deleted" value="only" /> : null}
          <div class="filter-actions">
            <SubmitButton variant="secondary">{t("processes.filter.apply")}</SubmitButton>
          </div>
        </form>
      </search>
      <div class="fits-narrow" id="vulnerability-table">
        <DataTable
          label={t("vulnerabilities.title")}
          testid="vulnerabilities-table"
          rowCount={1}
          empty={null}
          columns={COLUMNS.map(([key, label, optional, descendingFirst]) => ({
            label: t(`vulnerabilities.col.${label}`),
            className: optional ? "col-opt" : undefined,
            numeric: key === "score",
            sort: key
              ? {
                  href: sortHref(key, descendingFirst),
                  state: first?.key === key ? (first.descending ? "descending" : "ascending") : "none",
                }
              : undefined,
          }))}
          body={{
            ...liveBody(LIVE),
            "hx-trigger": `${liveBody(LIVE)["hx-trigger"]}, vulnerabilities-changed from:body`,
          }}
        >
          <VulnerabilityRows view={view} items={page.items} filters={filters} />
        </DataTable>
      </div>
      <span
        hidden
        data-live-topic="vulnerabilities"
        data-live-events="vulnerability.created vulnerability.updated vulnerability.deleted vulnerability.imported"
      />
      {page.total > page.pageSize ? (
        <Pagination
          view={view}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total}
          hrefFor={(n) => vulnerabilitiesHref(filters, { page: n })}
        />
      ) : null}
      {canRestore ? (
        <p class="muted">
          {filters.deleted === "only" ? (
            <a href="/vulnerabilities">{t("vulnerabilities.showOpen")}</a>
          ) : (
            <a href="/vulnerabilities?deleted=only">{t("vulnerabilities.showDeleted")}</a>
          )}
        </p>
      ) : null}
    </>
  );
}
