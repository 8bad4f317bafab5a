/** @jsxImportSource hono/jsx */
import { INCIDENT_STATUSES, SEVERITIES } from "../../../src/db/schema/incidents.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { parseSortKeys } from "../../../src/lib/list-query.ts";
import type { IncidentView } from "../../../src/services/incidents.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { type LiveRowsSource, liveBody } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { type IncidentFilters, incidentQueryString, incidentsHref } from "./filters.ts";
import { IncidentRows } from "./rows.tsx";

const LIVE: LiveRowsSource = { rows: "/incidents/rows", form: "#incident-filters", body: "incident-rows" };

/** Props of the incident list. */
export interface IncidentsPageProps {
  view: ViewContext;
  filters: IncidentFilters;
  errors: FieldErrors;
  page: Page<IncidentView>;
  /** People an incident can be assigned to. */
  people: { id: string; name: string }[];
  canCreate: boolean;
  /** Admins see deleted incidents on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

const COLUMNS = [
  ["title", "title", false],
  ["severity", "severity", false],
  ["status", "status", false],
  [null, "assignee", false],
  ["detectedAt", "detected", false],
  ["updatedAt", "updated", true],
] as const;

/**
 * `/incidents`: the list with search, status, severity and assignee filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an incident.
 */
export function IncidentsPage({
  view,
  filters,
  errors,
  page,
  people,
  canCreate,
  canRestore,
  notice,
}: IncidentsPageProps) {
  const { t, fmt } = view;
  const [first] = parseSortKeys<string>(filters.sort);
  const exportQuery = incidentQueryString({ ...filters, page: 1 });
  const join = exportQuery ? `${exportQuery}&` : "?";
  return (
    <>
      <div class="page-head">
        <div>
          <h1>{filters.deleted === "only" ? t("incidents.deletedTitle") : t("incidents.title")}</h1>
          <p class="page-sub num" id="incident-count">
            {t("incidents.count", { total: fmt.number(page.total) })}
          </p>
        </div>
        <div class="head-actions">
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/incidents/export${join}format=csv`}
            hx-boost="false"
            download
          >
            {t("incidents.exportCsv")}
          </a>
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/incidents/export${join}format=json`}
            hx-boost="false"
            download
          >
            {t("incidents.exportJson")}
          </a>
          {canCreate ? (
            <a class={buttonClass("primary")} href="/incidents/new" data-testid="new-incident">
              {t("incidents.new")}
            </a>
          ) : null}
        </div>
      </div>
      {notice ? (
        <Message view={view} kind="success" testid="incidents-notice">
          {notice}
        </Message>
      ) : null}
      <search aria-label={t("incidents.filter.label")}>
        <form method="get" action="/incidents" class="filter-bar" id="incident-filters">
          <TextField
            name="q"
            type="search"
            label={t("incidents.filter.q")}
            value={filters.q}
            error={errors.q}
            maxlength={200}
          />
          <SelectField
            name="status"
            label={t("incidents.filter.status")}
            value={filters.status ?? ""}
            error={errors.status}
            options={[
              { value: "", label: t("incidents.filter.any") },
              ...INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`incidents.status.${s}`) })),
            ]}
          />
          <SelectField
            name="severity"
            label={t("incidents.filter.severity")}
            value={filters.severity ?? ""}
            error={errors.severity}
            options={[
              { value: "", label: t("incidents.filter.any") },
              ...SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) })),
            ]}
          />
          <SelectField
            name="assignedTo"
            label={t("incidents.filter.assignee")}
            value={filters.assignedTo ?? ""}
            error={errors.assignedTo}
            options={[
              { value: "", label: t("incidents.filter.anyone") },
              { value: "none", label: t("incidents.unassigned") },
              ...people.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          {filters.sort !== "-createdAt" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
          {filters.deleted === "only" ? <input type="hidden" name="deleted" value="only" /> : null}
          <div class="filter-actions">
            <SubmitButton variant="secondary">{t("processes.filter.apply")}</SubmitButton>
          </div>
        </form>
      </search>
      <div class="fits-narrow" id="incident-table">
        <DataTable
          label={t("incidents.title")}
          testid="incidents-table"
          rowCount={1}
          empty={null}
          columns={COLUMNS.map(([key, label, optional]) => ({
            label: t(`incidents.col.${label}`),
            className: optional ? "col-opt" : undefined,
            sort: key
              ? {
                  href: incidentsHref(filters, {
                    sort: first?.key === key && !first.descending ? `-${key}` : key,
                    page: 1,
                  }),
                  state: first?.key === key ? (first.descending ? "descending" : "ascending") : "none",
                }
              : undefined,
          }))}
          body={{
            ...liveBody(LIVE),
            "hx-trigger": `${liveBody(LIVE)["hx-trigger"]}, incidents-changed from:body`,
          }}
        >
          <IncidentRows view={view} items={page.items} filters={filters} />
        </DataTable>
      </div>
      <span
        hidden
        data-live-topic="incidents"
        data-live-events="incident.created incident.updated incident.deleted"
      />
      {page.total > page.pageSize ? (
        <Pagination
          view={view}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total}
          hrefFor={(n) => incidentsHref(filters, { page: n })}
        />
      ) : null}
      {canRestore ? (
        <p class="muted">
          {filters.deleted === "only" ? (
            <a href="/incidents">{t("incidents.showOpen")}</a>
          ) : (
            <a href="/incidents?deleted=only">{t("incidents.showDeleted")}</a>
          )}
        </p>
      ) : null}
    </>
  );
}
