/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { renderMarkdown } from "../../../src/lib/markdown.ts";
import type { AcknowledgmentStatus } from "../../../src/modules/documents/acknowledgments.ts";
import { DOCUMENT_STATUSES, type DocumentStatus } from "../../../src/modules/documents/schema.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import type { VersionSummary } from "../../../src/modules/documents/versions.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { RecordHead } from "../../components/record-head.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { StatusMove } from "../../components/status-move.tsx";
import { AcknowledgeBox, AcknowledgmentsPanel } from "./acknowledgments.tsx";
import { DOCUMENT } from "./kind.ts";
import { DocumentStatusText, ReviewDate } from "./parts.tsx";
import { VersionsPanel } from "./versions.tsx";

/** Props of a document's page. */
export interface DocumentPageProps {
  view: ViewContext;
  doc: DocumentView;
  /** The workflow moves the viewer's role allows from here. */
  moves: DocumentStatus[];
  versions: VersionSummary[];
  ack: AcknowledgmentStatus;
  /** The viewer's user id (null for Warden itself). */
  me: string | null;
  canEdit: boolean;
  canDelete: boolean;
  /** A refused action (a move someone else made first …). */
  error: string | null;
  notice: string | null;
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
  const fields = (to: DocumentStatus) => ({ status: to, version: String(doc.version) });
  return (
    <section class="panel">
      <h2 class="section-title">{t("documents.workflow")}</h2>
      <ol class="workflow" aria-label={t("documents.workflow")}>
        {DOCUMENT_STATUSES.map((s) => (
          <li aria-current={s === doc.status ? "step" : undefined}>{t(`documents.status.${s}`)}</li>
        ))}
      </ol>
      {moves.length > 0 ? (
        <div class="workflow-actions">
          {moves.map((to) =>
            to === "published" || to === "archived" ? (
              <ConfirmAction
                view={view}
                id={`${to}-document`}
                testid={`move-${to}`}
                action={`/documents/${doc.id}/status`}
                fields={fields(to)}
                trigger={moveLabel(view, doc.status, to, next)}
                triggerVariant={to === "published" ? "primary" : "secondary"}
                variant="primary"
                title={
                  to === "published"
                    ? t("documents.publishTitle", { n: next, title: doc.title })
                    : t("documents.archiveTitle", { title: doc.title })
                }
                body={
                  to === "published"
                    ? doc.requiresAcknowledgment
                      ? `${t("documents.publishBody")} ${t("documents.publishAckBody")}`
                      : t("documents.publishBody")
                    : t("documents.archiveBody")
                }
                confirm={moveLabel(view, doc.status, to, next)}
              />
            ) : (
              <StatusMove
                action={`/documents/${doc.id}/status`}
                to={to}
                version={doc.version}
                primary={to !== "draft"}
                label={moveLabel(view, doc.status, to, next)}
              />
            ),
          )}
        </div>
      ) : null}
    </section>
  );
}

/** The document's facts: id, category, owner, frameworks, review, publication. */
function Facts({ view, doc }: { view: ViewContext; doc: DocumentView }) {
  const { t, fmt } = view;
  return (
    <section class="panel">
      <dl class="facts">
        <dt>{t("documents.field.documentId")}</dt>
        <dd class="mono" data-testid="document-id">
          {doc.documentId}
        </dd>
        <dt>{t("documents.field.category")}</dt>
        <dd>{t(`documents.category.${doc.category}`)}</dd>
        <dt>{t("documents.field.owner")}</dt>
        <dd data-testid="document-owner">
          {doc.owner ? doc.owner.name : <span class="muted">{t("documents.noOwner")}</span>}
        </dd>
        <dt>{t("documents.field.frameworks")}</dt>
        <dd>
          {doc.frameworks.length > 0 ? (
            <span class="framework-list">
              {doc.frameworks.map((f) => (
                <span class="badge">{f}</span>
              ))}
            </span>
          ) : (
            <span class="muted">—</span>
          )}
        </dd>
        <dt>{t("documents.field.nextReview")}</dt>
        <dd>
          <ReviewDate view={view} at={doc.nextReviewAt} due={doc.reviewDue} />
        </dd>
        <dt>{t("documents.field.published")}</dt>
        <dd data-testid="published-version">
          {doc.publishedVersion > 0 ? (
            <>
              {t("documents.versionShort", { n: doc.publishedVersion })}
              {doc.publishedAt ? (
                <>
                  {" · "}
                  <time datetime={new Date(doc.publishedAt).toISOString()}>
                    {fmt.dateTime(doc.publishedAt)}
                  </time>
                </>
              ) : null}
            </>
          ) : (
            <span class="muted">{t("documents.notPublished")}</span>
          )}
        </dd>
        <dt>{t("documents.field.acknowledgment")}</dt>
        <dd>
          {doc.requiresAcknowledgment ? t("documents.ack.required") : t("documents.ack.notRequiredShort")}
        </dd>
        <dt>{t("documents.createdBy")}</dt>
        <dd>
          {doc.createdBy?.name ?? t("documents.system")} <RelativeTime view={view} ms={doc.createdAt} />
        </dd>
        <dt>{t("documents.updated")}</dt>
        <dd>
          <RelativeTime view={view} ms={doc.updatedAt} />
        </dd>
      </dl>
    </section>
  );
}

/**
 * `/documents/:id`: the text (rendered markdown), the viewer's acknowledgment, the
 * published versions with links to each and to the diffs, who has acknowledged the version
 * in force and who has not; beside it the workflow with the moves the viewer's role allows,
 * and the facts. Edit and delete (admins) from the title row.
 */
export function DocumentPage({
  view,
  doc,
  moves,
  versions,
  ack,
  me,
  canEdit,
  canDelete,
  error,
  notice,
}: DocumentPageProps) {
  const { t } = view;
  const revising = doc.publishedVersion > 0 && doc.status !== "published" && doc.status !== "archived";
  return (
    <>
      <RecordHead
        view={view}
        kind={DOCUMENT}
        id={doc.id}
        title={doc.title}
        editTestid="edit-document"
        canEdit={canEdit && doc.status !== "archived"}
        canDelete={canDelete}
        notice={notice}
        error={error}
      >
        <p class="page-sub doc-badges">
          <span class="mono">{doc.documentId}</span>
          <DocumentStatusText view={view} status={doc.status} testid="document-status" />
          <span class="muted">{t(`documents.category.${doc.category}`)}</span>
          {doc.publishedVersion > 0 ? (
            <span class="muted">{t("documents.versionShort", { n: doc.publishedVersion })}</span>
          ) : null}
        </p>
      </RecordHead>
      <AcknowledgeBox view={view} documentId={doc.id} ack={ack} me={me} />
      <div class="incident-layout">
        <div class="incident-main doc-main">
          <section class="panel" aria-labelledby="content-title">
            <h2 class="section-title" id="content-title">
              {t("documents.field.content")}
            </h2>
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
          </section>
          <VersionsPanel view={view} documentId={doc.id} versions={versions} />
          <AcknowledgmentsPanel view={view} ack={ack} />
        </div>
        <aside class="incident-side">
          <Workflow view={view} doc={doc} moves={moves} />
          <Facts view={view} doc={doc} />
        </aside>
      </div>
    </>
  );
}
