/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { titledChoices } from "../../components/form-fields.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** The id of the form the queue's row checkboxes belong to (the bulk actions above the table). */
export const BULK_FORM = "alert-bulk";

/** What the alert queue reads for each request besides the alerts. */
export interface AlertQueueData {
  /** People alerts can be assigned to (the assignee filter). */
  people: RecordPerson[];
  /** Open cases alerts can be merged into; null when the viewer cannot group alerts. */
  cases: { id: string; title: string }[] | null;
  /** A refused bulk action (no alert ticked, an alert in another case …). */
  error: string | null;
  /** The fields of a refused bulk action (the case's title, the case chosen), shown again. */
  typed: Record<string, string>;
}

/**
 * What to do with the ticked alerts: group them in a new case, or merge them into an open one.
 * Both post the queue's view (`query`, its filters and page), which a refusal shows again.
 */
export function BulkActions({
  view,
  cases,
  error,
  typed,
  query,
}: Pick<AlertQueueData, "error" | "typed"> & {
  view: ViewContext;
  cases: NonNullable<AlertQueueData["cases"]>;
  query: string;
}) {
  const { t } = view;
  return (
    <form
      method="post"
      action={`/soc/cases${query}`}
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
          value={typed.title ?? ""}
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
              value={typed.caseId ?? ""}
              options={titledChoices([{ value: "", label: t("alerts.bulk.chooseCase") }], cases)}
            />
            <button
              type="submit"
              class="button is-secondary"
              formaction={`/soc/cases/merge${query}`}
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
