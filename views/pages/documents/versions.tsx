/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { renderMarkdown } from "../../../src/lib/markdown.ts";
import type { DocumentView } from "../../../src/modules/documents/service.ts";
import type { VersionDiff, VersionSummary, VersionView } from "../../../src/modules/documents/versions.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { SelectField } from "../../components/form-field.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { DateTime } from "../../components/relative-time.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** The published versions of a document, newest first, each linking to its text and to its changes. */
export function VersionsPanel({
  view,
  documentId,
  versions,
}: {
  view: ViewContext;
  /** Row id of the document. */
  documentId: string;
  versions: VersionSummary[];
}) {
  const { t } = view;
  return (
    <Panel title={t("documents.versions.title")} id="versions-title" testid="versions">
      {versions.length === 0 ? (
        <p class="muted">{t("documents.versions.none")}</p>
      ) : (
        <div class="fits-narrow">
          <DataTable
            label={t("documents.versions.title")}
            rowCount={versions.length}
            empty={null}
            columns={columnsOf(view, "documents.versions.col", [
              "version",
              { name: "title", className: "col-opt" },
              "published",
              "changes",
            ])}
          >
            {versions.map((v) => (
              <tr data-testid={`version-${v.version}`}>
                <td class="nowrap">
                  <a href={`/documents/${documentId}/versions/${v.version}`}>
                    {t("documents.versionShort", { n: v.version })}
                  </a>
                </td>
                <td class="col-opt">{v.title}</td>
                <td>
                  <DateTime view={view} ms={v.publishedAt} />
                  <div class="cell-sub">{v.publishedBy?.name ?? t("documents.system")}</div>
                </td>
                <td class="nowrap">
                  {v.version > 1 ? (
                    <a href={`/documents/${documentId}/diff?from=${v.version - 1}&to=${v.version}`}>
                      {t("documents.versions.compare", { from: v.version - 1, to: v.version })}
                    </a>
                  ) : (
                    <span class="muted">{t("documents.versions.first")}</span>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </Panel>
  );
}

/** What the version and diff pages are given besides their version or diff. */
interface VersionPagesProps {
  view: ViewContext;
  doc: DocumentView;
  versions: VersionSummary[];
}

/** The head of a version or diff page: back to the document, the title, a line of facts. */
function Head({
  view,
  doc,
  title,
  sub,
}: Pick<VersionPagesProps, "view" | "doc"> & { title: string; sub: string }) {
  const { t } = view;
  return (
    <PageHead
      back={
        <>
          <a href="/documents">{t("documents.title")}</a> ›{" "}
          <a href={`/documents/${doc.id}`}>
            <span class="mono">{doc.documentId}</span> {doc.title}
          </a>
        </>
      }
      title={title}
      titleTestid="version-title"
      sub={sub}
    />
  );
}

/** `/documents/:id/versions/:n`: one published version's text as it was published. */
export function VersionPage({ view, doc, version, versions }: VersionPagesProps & { version: VersionView }) {
  const { t, fmt } = view;
  const newest = versions[0]?.version ?? version.version;
  return (
    <>
      <Head
        view={view}
        doc={doc}
        title={t("documents.versions.pageTitle", { n: version.version, title: version.title })}
        sub={t("documents.versions.publishedBy", {
          when: fmt.dateTime(version.publishedAt),
          who: version.publishedBy?.name ?? t("documents.system"),
        })}
      />
      {version.version < newest ? (
        <p class="version-note" data-testid="old-version">
          {t("documents.versions.superseded", { n: newest })}
        </p>
      ) : null}
      <p class="version-links">
        {version.version > 1 ? (
          <a href={`/documents/${doc.id}/diff?from=${version.version - 1}&to=${version.version}`}>
            {t("documents.versions.compare", { from: version.version - 1, to: version.version })}
          </a>
        ) : null}
        {version.version < newest ? (
          <a href={`/documents/${doc.id}/diff?from=${version.version}&to=${newest}`}>
            {t("documents.versions.compare", { from: version.version, to: newest })}
          </a>
        ) : null}
      </p>
      <section class="panel">
        {version.content ? (
          <div class="prose" data-testid="version-content">
            {raw(renderMarkdown(version.content))}
          </div>
        ) : (
          <p class="muted">{t("documents.noContent")}</p>
        )}
      </section>
    </>
  );
}

/** `/documents/:id/diff?from=&to=`: the line diff between two published versions, with pickers for both. */
export function DiffPage({ view, doc, diff, versions }: VersionPagesProps & { diff: VersionDiff }) {
  const { t } = view;
  const options = versions.map((v) => ({
    value: String(v.version),
    label: t("documents.versionShort", { n: v.version }),
  }));
  const title = t("documents.diff.title", { from: diff.from, to: diff.to });
  return (
    <>
      <Head
        view={view}
        doc={doc}
        title={title}
        sub={t("documents.diff.counts", { added: diff.added, removed: diff.removed })}
      />
      <form method="get" action={`/documents/${doc.id}/diff`} class="filter-bar">
        <SelectField
          name="from"
          label={t("documents.diff.from")}
          value={String(diff.from)}
          options={options}
        />
        <SelectField name="to" label={t("documents.diff.to")} value={String(diff.to)} options={options} />
        <div class="filter-actions">
          <SubmitButton variant="secondary">{t("documents.diff.compare")}</SubmitButton>
        </div>
      </form>
      {diff.title.from !== diff.title.to ? (
        <p data-testid="diff-title">
          {t("documents.diff.renamed", { from: diff.title.from, to: diff.title.to })}
        </p>
      ) : null}
      {diff.added === 0 && diff.removed === 0 ? (
        <p class="muted" data-testid="diff-same">
          {t("documents.diff.same")}
        </p>
      ) : null}
      <div class="diff-wrap">
        <table class="diff" aria-label={title} data-testid="diff">
          <thead class="visually-hidden">
            <tr>
              <th scope="col">{t("documents.diff.oldLine")}</th>
              <th scope="col">{t("documents.diff.newLine")}</th>
              <th scope="col">{t("documents.diff.change")}</th>
              <th scope="col">{t("documents.diff.text")}</th>
            </tr>
          </thead>
          <tbody>
            {diff.lines.map((line) => (
              <tr class={`diff-${line.kind}`}>
                <td class="diff-num">{line.oldLine ?? ""}</td>
                <td class="diff-num">{line.newLine ?? ""}</td>
                <td class="diff-mark">
                  {line.kind === "same" ? null : (
                    <>
                      <span aria-hidden="true">{line.kind === "added" ? "+" : "−"}</span>
                      <span class="visually-hidden">{t(`documents.diff.${line.kind}`)}</span>
                    </>
                  )}
                </td>
                <td class="diff-text">{line.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
