/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { AlertQuery } from "../../../src/modules/soc/alert-input.ts";
import type { AlertView } from "../../../src/modules/soc/alert-queries.ts";
import { ALERT_SOURCES, ALERT_STATUSES } from "../../../src/modules/soc/alerts-schema.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { choices, namedChoices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { alertTable, BULK_FORM } from "./alert-rows.tsx";

/** Props of the alert queue. */
export interface AlertsPageProps {
  view: ViewContext;
  filters: AlertQuery;
  errors: FieldErrors;
  page: Page<AlertView>;
  people: { id: string; name: string }[];
  /** Open cases alerts can be merged into; null when the viewer cannot group alerts. */
  cases: { id: string; title: string }[] | null;
  canRestore: boolean;
  notice: string | null;
  /** A refused bulk action (no alert ticked, an alert in another case …). */
  error: string | null;
}

/** What to do with the ticked alerts: group them in a new case, or merge them into an open one. */
function BulkActions({
  view,
  cases,
  error,
}: {
  view: ViewContext;
  cases: { id: string; title: string }[];
  error: string | null;
}) {
  const { t } = view;
  return (
    <form
      method="post"
      action="/soc/cases"
      id={BULK_FORM}
      class="panel bulk-bar"
      aria-label={t("alerts.bulk.label")}
    >
      <p class="field-help">{t("alerts.bulk.help")}</p>
      {error ? (
        <p class="field-error" role="alert" data-testid="bulk-error">
          {error}
        </p>
      ) : null}
      <div class="bulk-row">
        <TextField
          name="title"
          id="bulk-title"
          label={t("alerts.bulk.caseTitle")}
          placeholder={t("alerts.bulk.caseTitleHint")}
          maxlength={200}
        />
        <SubmitButton variant="secondary" testid="bulk-new-case">
          {t("alerts.bulk.newCase")}
        </SubmitButton>
        {cases.length > 0 ? (
          <>
            <SelectField
              name="caseId"
              id="bulk-case"
              label={t("alerts.bulk.mergeInto")}
              options={[
                { value: "", label: t("alerts.bulk.chooseCase") },
                ...cases.map((c) => ({ value: c.id, label: c.title })),
              ]}
            />
            <button
              type="submit"
              class="button is-secondary"
              formaction="/soc/cases/merge"
              data-testid="bulk-merge"
            >
              {t("alerts.bulk.merge")}
            </button>
          </>
        ) : null}
      </div>
    </form>
  );
}

/**
 * `/soc`: the alert queue — search and filters (status, severity, source, host,
 * assignee), sortable columns, pages, all in the URL; rows refresh live as alerts are
 * raised or handled; analysts tick alerts to open a case or merge them into one.
 */
export function AlertsPage({
  view,
  filters,
  errors,
  page,
  people,
  cases,
  canRestore,
  notice,
  error,
}: AlertsPageProps) {
  const { t } = view;
  const any = { value: "", label: t("alerts.filter.any") };
  const selectable = cases !== null && filters.deleted !== "only";
  return (
    <RecordList
      view={view}
      table={alertTable(selectable)}
      filters={filters}
      page={page}
      liveEvents="alert.created alert.raised alert.updated alert.deleted"
      canCreate={false}
      restore={canRestore ? { back: t("alerts.showOpen") } : undefined}
      notice={notice}
      lead={selectable ? <BulkActions view={view} cases={cases} error={error} /> : null}
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            { kind: "text", name: "q", type: "search", label: t("alerts.filter.q"), maxlength: 200 },
            {
              kind: "select",
              name: "status",
              label: t("alerts.filter.status"),
              options: choices(
                [any, { value: "open", label: t("alerts.filter.open") }],
                ALERT_STATUSES,
                (s) => t(`alerts.status.${s}`),
              ),
            },
            {
              kind: "select",
              name: "severity",
              label: t("alerts.filter.severity"),
              options: choices([any], SEVERITIES, (s) => t(`severity.${s}`)),
            },
            {
              kind: "select",
              name: "source",
              label: t("alerts.filter.source"),
              options: choices([any], ALERT_SOURCES, (s) => t(`alerts.source.${s}`)),
            },
            { kind: "text", name: "host", label: t("alerts.filter.host"), maxlength: 255 },
            {
              kind: "select",
              name: "assignedTo",
              label: t("alerts.filter.assignee"),
              options: namedChoices(
                [
                  { value: "", label: t("alerts.filter.anyone") },
                  { value: "none", label: t("alerts.unassigned") },
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
