/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { AcknowledgmentStatus } from "../../../src/modules/documents/acknowledgments.ts";
import { DataTable } from "../../components/data-table.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { RelativeTime, TimeCell } from "../../components/relative-time.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/**
 * The viewer's own acknowledgment of the version in force: a button while it is pending,
 * a sentence once done. Nothing when the document collects no acknowledgments now.
 */
export function AcknowledgeBox({
  view,
  documentId,
  ack,
  me,
}: {
  view: ViewContext;
  /** Row id of the document. */
  documentId: string;
  ack: AcknowledgmentStatus;
  /** The viewer's user id. */
  me: string | null;
}) {
  const { t } = view;
  if (!ack.open || me === null) return null;
  const mine = ack.people.find((p) => p.id === me);
  if (mine?.acknowledgedAt) {
    return (
      <p class="ack-done" data-testid="acknowledged">
        {t("documents.ack.done", { n: ack.version })} <RelativeTime view={view} ms={mine.acknowledgedAt} />
      </p>
    );
  }
  return (
    <section class="panel ack-box" aria-labelledby="ack-title" data-testid="acknowledge-box">
      <div>
        <h2 id="ack-title">{t("documents.ack.askTitle", { n: ack.version })}</h2>
        <p class="muted panel-note">{t("documents.ack.askBody")}</p>
      </div>
      <form method="post" action={`/documents/${documentId}/acknowledge`}>
        <SubmitButton variant="primary" testid="acknowledge">
          {t("documents.ack.button", { n: ack.version })}
        </SubmitButton>
      </form>
    </section>
  );
}

/**
 * Who has and who has not acknowledged the version in force (every active user), and every
 * acknowledgment ever made, in a disclosure below.
 */
export function AcknowledgmentsPanel({ view, ack }: { view: ViewContext; ack: AcknowledgmentStatus }) {
  const { t } = view;
  if (!ack.requiresAcknowledgment && ack.history.length === 0) return null;
  return (
    <Panel
      title={ack.version > 0 ? t("documents.ack.title", { n: ack.version }) : t("documents.ack.titleNone")}
      id="acks-title"
      testid="acknowledgments"
    >
      {!ack.requiresAcknowledgment ? (
        <p class="muted">{t("documents.ack.notRequired")}</p>
      ) : ack.version === 0 ? (
        <p class="muted">{t("documents.ack.notPublished")}</p>
      ) : (
        <>
          {ack.open ? null : <p class="muted">{t("documents.ack.closed")}</p>}
          <p class="num" data-testid="ack-summary">
            {t("documents.ack.summary", { done: ack.acknowledged, total: ack.acknowledged + ack.pending })}
          </p>
          <div class="fits-narrow">
            <DataTable
              label={t("documents.ack.tableLabel", { n: ack.version })}
              testid="ack-table"
              rowCount={ack.people.length}
              empty={t("documents.ack.nobody")}
              columns={[
                { label: t("documents.ack.col.person") },
                { label: t("documents.ack.col.status") },
                { label: t("documents.ack.col.when") },
                { label: t("documents.ack.col.last"), className: "col-opt" },
              ]}
            >
              {ack.people.map((p) => (
                <tr data-testid={`ack-${p.id}`}>
                  <td>{p.name}</td>
                  <td class="nowrap">
                    {p.acknowledgedAt ? (
                      <span class="badge is-ok">{t("documents.ack.acknowledged")}</span>
                    ) : (
                      <span class="badge">{t("documents.ack.pending")}</span>
                    )}
                  </td>
                  <TimeCell view={view} ms={p.acknowledgedAt} />
                  <td class="nowrap col-opt">
                    {p.lastAcknowledgedVersion === null
                      ? "—"
                      : t("documents.versionShort", { n: p.lastAcknowledgedVersion })}
                  </td>
                </tr>
              ))}
            </DataTable>
          </div>
        </>
      )}
      {ack.history.length > 0 ? (
        <details class="ack-history">
          <summary class="ack-history-summary">
            {t("documents.ack.history", { count: ack.history.length })}
          </summary>
          <ul class="ack-history-list">
            {ack.history.map((h) => (
              <li>
                {t("documents.ack.historyEntry", { name: h.name, n: h.version })}{" "}
                <RelativeTime view={view} ms={h.acknowledgedAt} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Panel>
  );
}
