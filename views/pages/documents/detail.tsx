/** @jsxImportSource hono/jsx */

import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { renderMarkdown } from "../../../src/lib/markdown.ts";
import type { AcknowledgmentStatus } from "../../../src/modules/documents/acknowledgments.ts";
import { DOCUMENT } from "../../../src/modules/documents/kind.ts";
import { DOCUMENT_STATUSES, type DocumentStatus } from "../../../src/modules/documents/schema.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import type { VersionSummary } from "../../../src/modules/documents/versions.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel, WorkflowPanel } from "../../components/record-panels.tsx";
import { DateTime, RelativeTime } from "../../components/relative-time.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { AcknowledgeBox, AcknowledgmentsPanel } from "./acknowledgments.tsx";
import { PublishedVersion, ReviewDate } from "./parts.tsx";
import { VersionsPanel } from "./versions.tsx";

/** What a document's page reads besides the document. */
export interface DocumentPageProps {
  /** The workflow moves the viewer's role allows from here. */
  moves: DocumentStatus[];
  versions: VersionSummary[];
  ack: AcknowledgmentStatus;
  /** The viewer's user id (null for Warden itself). */
  me: string | null;
}

/** The label of a move's button, which depends on where the document comes from. */
function moveLabel(view: ViewContext, from: DocumentStatus, to: DocumentStatus, next: number): string {
  const { t } = view;
  if (to === "in_review")
    return from === "published" ? t("documents.move.revise") : t("documents.move.review");
  if (to === "draft")
    return from === "archived" ? t("documents.move.revive") : t("documents.move.backToDraft");
  if (to === "approved") return t("documents.move.approve");
  if (to === "published") return t("documents.move.publish", { n: next });
  return t("documents.move.archive");
}

/** The workflow steps, where the document stands, and the moves the viewer may make. */
function Workflow({ view, doc, moves }: { view: ViewContext; doc: DocumentView; moves: DocumentStatus[] }) {
  const { t } = view;
  const next = doc.publishedVersion + 1;
  return (
    <WorkflowPanel
      title={t("documents.workflow")}
      steps={{ steps: DOCUMENT_STATUSES, current: doc.status, name: (s) => t(`documents.status.${s}`) }}
      moves={{
        action: `/documents/${doc.id}/status`,
        moves,
        version: doc.version,
        primary: (to) => to !== "draft" && to !== "archived",
        label: (to) => moveLabel(view, doc.status, to, next),
        confirm: {
          view,
          one: DOCUMENT.one,
          ask: (to) =>
            to === "published"
              ? {
                  title: t("documents.publishTitle", { n: next, title: doc.title }),
                  body: doc.requiresAcknowledgment
                    ? `${t("documents.publishBody")} ${t("documents.publishAckBody")}`
                    : t("documents.publishBody"),
                }
              : to === "archived"
                ? {
                    title: t("documents.archiveTitle", { title: doc.title }),
                    body: t("documents.archiveBody"),
                  }
                : null,
        },
      }}
    />
  );
}

/**
 * `/documents/:id`: the text (rendered markdown), the viewer's acknowledgment, the
 * published versions with links to each and to the diffs, who has acknowledged the version
 * in force and who has not; beside it the workflow with the moves the viewer's role allows,
 * and the facts. Edit and delete (admins) from the title row.
 */
export const DOCUMENT_DETAIL: RecordDetailSpec<DocumentView, DocumentPageProps> = {
  title: (doc) => `${doc.documentId} ${doc.title}`,
  head: ({ record: doc, canEdit }) => ({
    record: doc,
    editTestid: "edit-document",
    canEdit: canEdit && doc.status !== "archived",
  }),
  badges: ({ view, record: doc }) => [
    <span class="mono">{doc.documentId}</span>,
    <StatusText view={view} many="documents" status={doc.status} testid="document-status" />,
    <span class="muted">{view.t(`documents.category.${doc.category}`)}</span>,
    doc.publishedVersion > 0 ? (
      <span class="muted">{view.t("documents.versionShort", { n: doc.publishedVersion })}</span>
    ) : null,
  ],
  lead: ({ view, record: doc, ack, me }) => (
    <AcknowledgeBox view={view} documentId={doc.id} ack={ack} me={me} />
  ),
  mainClass: "doc-main",
  main: ({ view, record: doc, versions, ack }) => {
    const { t } = view;
    const revising = doc.publishedVersion > 0 && doc.status !== "published" && doc.status !== "archived";
    return [
      <Panel title={t("documents.field.content")} id="content-title">
        {revising ? (
          <p class="muted" data-testid="revision-note">
            {t("documents.revisionNote", { n: doc.publishedVersion })}{" "}
            <a href={`/documents/${doc.id}/versions/${doc.publishedVersion}`}>
              {t("documents.readPublished", { n: doc.publishedVersion })}
            </a>
          </p>
        ) : null}
        {doc.content ? (
          <div class="prose" data-testid="document-content">
            {raw(renderMarkdown(doc.content))}
          </div>
        ) : (
          <p class="muted">{t("documents.noContent")}</p>
        )}
      </Panel>,
      <VersionsPanel view={view} documentId={doc.id} versions={versions} />,
      <AcknowledgmentsPanel view={view} ack={ack} />,
    ];
  },
  side: (page) => {
    const { view, record: doc, moves } = page;
    const { t, fact, meta, person } = factBuilders(page);
    return [
      <Workflow view={view} doc={doc} moves={moves} />,
      <FactsPanel
        facts={[
          fact("documentId", doc.documentId, { class: "mono", testid: "document-id" }),
          fact("category", t(`documents.category.${doc.category}`)),
          person("owner", doc.owner, "noOwner", "document-owner"),
          fact(
            "frameworks",
            doc.frameworks.length > 0 ? (
              <span class="framework-list">
                {doc.frameworks.map((f) => (
                  <span class="badge">{f}</span>
                ))}
              </span>
            ) : null,
          ),
          fact("nextReview", <ReviewDate view={view} at={doc.nextReviewAt} due={doc.reviewDue} />),
          fact(
            "published",
            doc.publishedVersion > 0 ? (
              <PublishedVersion
                view={view}
                version={doc.publishedVersion}
                at={doc.publishedAt ? <DateTime view={view} ms={doc.publishedAt} /> : null}
              />
            ) : null,
            { empty: t("documents.notPublished"), testid: "published-version" },
          ),
          fact(
            "acknowledgment",
            doc.requiresAcknowledgment ? t("documents.ack.required") : t("documents.ack.notRequiredShort"),
          ),
          meta(
            "documents.createdBy",
            <>
              {doc.createdBy?.name ?? t("documents.system")} <RelativeTime view={view} ms={doc.createdAt} />
            </>,
          ),
          meta("documents.updated", <RelativeTime view={view} ms={doc.updatedAt} />),
        ]}
      />,
    ];
  },
};
