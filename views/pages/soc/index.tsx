/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { AlertQuery } from "../../../src/modules/soc/alert-input.ts";
import type { AlertView } from "../../../src/modules/soc/alert-queries.ts";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { titledChoices } from "../../components/form-fields.tsx";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { alertTable, BULK_FORM } from "./alert-rows.tsx";

/** Props of the alert queue. */
export interface AlertsPageProps extends RecordListState<AlertView, AlertQuery> {
  /** People alerts can be assigned to (the assignee filter). */
  people: RecordPerson[];
  /** Open cases alerts can be merged into; null when the viewer cannot group alerts. */
  cases: { id: string; title: string }[] | null;
  /** A refused bulk action (no alert ticked, an alert in another case …). */
  error: string | null;
}

/** What to do with the ticked alerts: group them in a new case, or merge them into an open one. */
function BulkActions({
  view,
  cases,
  error,
}: Pick<AlertsPageProps, "view" | "error"> & { cases: NonNullable<AlertsPageProps["cases"]> }) {
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
              options={titledChoices([{ value: "", label: t("alerts.bulk.chooseCase") }], cases)}
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
export function AlertsPage({ cases, error, ...list }: AlertsPageProps) {
  const { view, filters } = list;
  const selectable = cases !== null && filters.deleted !== "only";
  return (
    <RecordList
      {...list}
      table={alertTable(selectable)}
      lead={selectable ? <BulkActions view={view} cases={cases} error={error} /> : null}
    />
  );
}
