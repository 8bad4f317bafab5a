/** @jsxImportSource hono/jsx */

import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import {
  CONTENT_MAX_LENGTH,
  FRAMEWORK_MAX_LENGTH,
  FRAMEWORKS_MAX,
} from "../../../src/modules/documents/input.ts";
import { DOCUMENT } from "../../../src/modules/documents/kind.ts";
import { DOCUMENT_CATEGORIES, type DocumentCategory } from "../../../src/modules/documents/schema.ts";
import { RecordForm, type RecordFormState } from "../../components/record-form.tsx";

/** Props of the document form. */
export interface DocumentFormProps extends RecordFormState {
  people: RecordPerson[];
  /** Editing: the document's fixed id and category (the category chose the id). */
  fixed?: { documentId: string; category: DocumentCategory };
  /** False when the document is past review: title and text are then shown, not edited. */
  contentEditable?: boolean;
}

/** The create and edit form: values kept and errors shown beside each field after a 422 or 409. */
export function DocumentForm({ people, fixed, contentEditable = true, ...state }: DocumentFormProps) {
  const { view } = state;
  return (
    <RecordForm
      {...state}
      kind={DOCUMENT}
      class="document-form"
      items={({ t, text, choice, person }) => [
        contentEditable
          ? text("title", { required: true, maxlength: 200 })
          : {
              kind: "note",
              content: (
                <p class="muted" data-testid="content-locked">
                  {t("documents.contentLocked")}
                </p>
              ),
            },
        {
          kind: "group",
          fields: [
            fixed
              ? { kind: "note", content: <FixedCategory view={view} fixed={fixed} /> }
              : choice("category", DOCUMENT_CATEGORIES, {
                  lead: "documents.field.choose",
                  required: true,
                  help: "documents.field.categoryHelp",
                }),
            person("ownerId", people, { label: "owner", none: "documents.noOwner" }),
            {
              kind: "text",
              name: "nextReviewAt",
              type: "date",
              label: t("documents.field.nextReview"),
              help: t("documents.field.nextReviewHelp"),
            },
          ],
        },
        text("frameworks", {
          help: t("documents.field.frameworksHelp", { max: FRAMEWORKS_MAX, length: FRAMEWORK_MAX_LENGTH }),
          placeholder: "ISO 27001, NIST CSF, SOC 2",
          maxlength: FRAMEWORKS_MAX * (FRAMEWORK_MAX_LENGTH + 2),
        }),
        {
          kind: "check",
          name: "requiresAcknowledgment",
          label: t("documents.field.requiresAcknowledgment"),
          help: t("documents.field.requiresAcknowledgmentHelp"),
        },
        contentEditable
          ? text("content", {
              help: t("documents.field.contentHelp"),
              rows: 14,
              maxlength: CONTENT_MAX_LENGTH,
            })
          : null,
      ]}
    />
  );
}

/** The category and id of a published document, which stay as they are. */
function FixedCategory({
  view,
  fixed,
}: {
  view: ViewContext;
  fixed: { category: DocumentCategory; documentId: string };
}) {
  const { t } = view;
  return (
    <div class="field">
      <span class="field-label">{t("documents.field.category")}</span>
      <p class="fixed-value">
        {t(`documents.category.${fixed.category}`)} · <span class="mono">{fixed.documentId}</span>
      </p>
      <p class="field-help">{t("documents.field.categoryFixed")}</p>
    </div>
  );
}
