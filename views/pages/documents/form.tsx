/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import {
  CONTENT_MAX_LENGTH,
  FRAMEWORK_MAX_LENGTH,
  FRAMEWORKS_MAX,
} from "../../../src/modules/documents/input.ts";
import { DOCUMENT_CATEGORIES, type DocumentCategory } from "../../../src/modules/documents/schema.ts";
import type { Person } from "../../../src/modules/documents/service.ts";
import {
  type FormState,
  firstInvalid,
  SelectField,
  TextAreaField,
  TextField,
} from "../../components/form-field.tsx";
import { RecordForm } from "../../components/record-form.tsx";
import { DOCUMENT } from "./kind.ts";

/** What the document form holds, as typed. */
export interface DocumentFormValues extends Record<string, string> {
  title: string;
  category: string;
  ownerId: string;
  /** Comma-separated names. */
  frameworks: string;
  /** `YYYY-MM-DD`. */
  nextReviewAt: string;
  content: string;
  /** `"on"` when ticked. */
  requiresAcknowledgment: string;
  /** The row version edited (edit form only). */
  version: string;
}

/** The fields in the order of the form (the first with an error gets the focus). */
export const DOCUMENT_FIELDS = [
  "title",
  "category",
  "ownerId",
  "frameworks",
  "nextReviewAt",
  "requiresAcknowledgment",
  "content",
] as const;

/** Props of the document form. */
export interface DocumentFormProps {
  view: ViewContext;
  form: FormState<DocumentFormValues>;
  people: Person[];
  /** Where the form posts: `/documents` or `/documents/:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** Editing: the document's fixed id and category (the category chose the id). */
  fixed?: { documentId: string; category: DocumentCategory };
  /** False when the document is past review: title and text are then shown, not edited. */
  contentEditable?: boolean;
  /** A problem with the whole form (someone else changed the document meanwhile). */
  conflict?: string;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function DocumentForm({
  view,
  form,
  people,
  action,
  cancel,
  fixed,
  contentEditable = true,
  conflict,
}: DocumentFormProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, DOCUMENT_FIELDS);
  const editing = Boolean(values.version);
  const ackError = errors.requiresAcknowledgment;
  return (
    <RecordForm
      view={view}
      kind={DOCUMENT}
      action={action}
      cancel={cancel}
      conflict={conflict}
      version={values.version}
      class="document-form"
    >
      {contentEditable ? (
        <TextField
          name="title"
          label={t("documents.field.title")}
          value={values.title}
          error={errors.title}
          required
          maxlength={200}
          autofocus={focus === "title" || (!focus && !editing)}
        />
      ) : (
        <p class="muted" data-testid="content-locked">
          {t("documents.contentLocked")}
        </p>
      )}
      <div class="form-grid">
        {fixed ? (
          <div class="field">
            <span class="field-label">{t("documents.field.category")}</span>
            <p class="fixed-value">
              {t(`documents.category.${fixed.category}`)} · <span class="mono">{fixed.documentId}</span>
            </p>
            <p class="field-help">{t("documents.field.categoryFixed")}</p>
          </div>
        ) : (
          <SelectField
            name="category"
            label={t("documents.field.category")}
            value={values.category}
            error={errors.category}
            required
            autofocus={focus === "category"}
            help={t("documents.field.categoryHelp")}
            options={[
              { value: "", label: t("documents.field.choose") },
              ...DOCUMENT_CATEGORIES.map((c) => ({ value: c, label: t(`documents.category.${c}`) })),
            ]}
          />
        )}
        <SelectField
          name="ownerId"
          label={t("documents.field.owner")}
          value={values.ownerId}
          error={errors.ownerId}
          autofocus={focus === "ownerId"}
          options={[
            { value: "", label: t("documents.noOwner") },
            ...people.map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
        <TextField
          name="nextReviewAt"
          type="date"
          label={t("documents.field.nextReview")}
          value={values.nextReviewAt}
          error={errors.nextReviewAt}
          help={t("documents.field.nextReviewHelp")}
          autofocus={focus === "nextReviewAt"}
        />
      </div>
      <TextField
        name="frameworks"
        label={t("documents.field.frameworks")}
        value={values.frameworks}
        error={errors.frameworks}
        help={t("documents.field.frameworksHelp", { max: FRAMEWORKS_MAX, length: FRAMEWORK_MAX_LENGTH })}
        placeholder="ISO 27001, NIST CSF, SOC 2"
        maxlength={FRAMEWORKS_MAX * (FRAMEWORK_MAX_LENGTH + 2)}
        autofocus={focus === "frameworks"}
      />
      <div class={`field check-field${ackError ? " has-error" : ""}`}>
        <label class="check-label">
          <input
            type="checkbox"
            name="requiresAcknowledgment"
            id="field-requiresAcknowledgment"
            checked={values.requiresAcknowledgment === "on"}
            autofocus={focus === "requiresAcknowledgment"}
            aria-invalid={ackError ? "true" : undefined}
            aria-describedby="field-requiresAcknowledgment-help"
          />
          {t("documents.field.requiresAcknowledgment")}
        </label>
        {ackError ? <p class="field-error">{ackError}</p> : null}
        <p class="field-help" id="field-requiresAcknowledgment-help">
          {t("documents.field.requiresAcknowledgmentHelp")}
        </p>
      </div>
      {contentEditable ? (
        <TextAreaField
          name="content"
          label={t("documents.field.content")}
          value={values.content}
          error={errors.content}
          help={t("documents.field.contentHelp")}
          rows={14}
          maxlength={CONTENT_MAX_LENGTH}
          autofocus={focus === "content"}
        />
      ) : null}
    </RecordForm>
  );
}
