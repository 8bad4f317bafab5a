/** @jsxImportSource hono/jsx */

import type { ChoosablePerson } from "../../../src/kit/active-user.ts";
import { checkbox, choice, nullable, text } from "../../../src/kit/record-form-fields.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import {
  CONTENT_MAX_LENGTH,
  FRAMEWORK_MAX_LENGTH,
  FRAMEWORKS_MAX,
  msToDate,
} from "../../../src/modules/documents/input.ts";
import { DOCUMENT_CATEGORIES, type DocumentCategory } from "../../../src/modules/documents/schema.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import { CONTENT_EDITABLE } from "../../../src/modules/documents/workflow.ts";
import type { RecordFormSpec } from "../../components/record-form.tsx";

/**
 * The document's create and edit form, given the people who can own it. Editing, the category
 * and id are shown, not chosen (the category chose the id); past review, title and text are
 * shown, not edited. Frameworks are typed comma-separated, a blank review date is none.
 */
export const DOCUMENT_FORM: RecordFormSpec<DocumentView, { people: ChoosablePerson[] }> = {
  fields: {
    title: text((doc) => doc.title),
    category: choice((doc) => doc.category),
    ownerId: nullable((doc) => doc.owner?.id),
    frameworks: {
      show: (doc) => doc.frameworks.join(", "),
      input: (typed) =>
        typed
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean),
    },
    nextReviewAt: {
      coarse: true,
      show: (doc) => (doc.nextReviewAt === null ? "" : msToDate(doc.nextReviewAt)),
      input: (typed) => typed.trim() || null,
    },
    content: text((doc) => doc.content),
    requiresAcknowledgment: checkbox((doc) => doc.requiresAcknowledgment),
  },
  class: "document-form",
  items: ({ t, text, choice, person }, { view, record, people }) => {
    const contentEditable = record ? CONTENT_EDITABLE.includes(record.status) : true;
    return [
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
          record
            ? { kind: "note", content: <FixedCategory view={view} fixed={record} /> }
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
    ];
  },
};

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
