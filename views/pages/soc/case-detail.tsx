/** @jsxImportSource hono/jsx */

import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { renderMarkdown } from "../../../src/lib/markdown.ts";
import { CASE_TRANSITIONS } from "../../../src/modules/soc/case-workflow.ts";
import type { CaseDetails } from "../../../src/modules/soc/cases.ts";
import { FactList } from "../../components/fact-list.tsx";
import { HiddenFields, SelectField } from "../../components/form-field.tsx";
import { MarkdownPanel } from "../../components/markdown-panel.tsx";
import { NoteForm } from "../../components/note-form.tsx";
import { RecordDetail } from "../../components/record-detail.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { StatusMove } from "../../components/status-move.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { AlertStatus } from "./alert-rows.tsx";
import { CaseStatus } from "./case-rows.tsx";
import { CASE_KIND } from "./kind.ts";

/** Props of a case's page. */
export interface CasePageProps {
  view: ViewContext;
  item: CaseDetails;
  people: { id: string; name: string }[];
  /** Open incidents it can be attached to; null when the viewer cannot act on cases. */
  incidents: { id: string; title: string }[] | null;
  canDelete: boolean;
  note: { value: string; error?: string };
  error: string | null;
  notice: string | null;
}

function CaseAlerts({ view, item }: { view: ViewContext; item: CaseDetails }) {
  const { t, fmt } = view;
  return (
    <section class="panel" aria-labelledby="case-alerts-title">
      <h2 class="section-title" id="case-alerts-title">
        {t("cases.alerts.title")}
      </h2>
      {item.alerts.length === 0 ? (
        <p class="muted">{t("cases.alerts.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="case-alerts">
            <thead>
              <tr>
                <th scope="col">{t("alerts.col.title")}</th>
                <th scope="col">{t("alerts.col.severity")}</th>
                <th scope="col">{t("alerts.col.status")}</th>
                <th scope="col" class="is-num">
                  {t("alerts.col.count")}
                </th>
                <th scope="col">{t("alerts.col.lastSeen")}</th>
              </tr>
            </thead>
            <tbody>
              {item.alerts.map((a) => (
                <tr>
                  <td>
                    <a href={`/soc/${a.id}`}>{a.title}</a>
                    {a.host ? <div class="cell-sub mono">{a.host}</div> : null}
                  </td>
                  <td>
                    <SeverityBadge view={view} severity={a.severity} />
                  </td>
                  <td class="nowrap">
                    <AlertStatus view={view} status={a.status} />
                  </td>
                  <td class="is-num num">{fmt.number(a.count)}</td>
                  <td class="nowrap">
                    <RelativeTime view={view} ms={a.lastSeen} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Actions({
  view,
  item: k,
  people,
  incidents,
}: {
  view: ViewContext;
  item: CaseDetails;
  people: { id: string; name: string }[];
  incidents: { id: string; title: string }[];
}) {
  const { t } = view;
  return (
    <>
      <section class="panel">
        <h2 class="section-title">{t("incidents.workflow")}</h2>
        <div class="workflow-actions">
          {CASE_TRANSITIONS[k.status].map((to) => (
            <StatusMove
              action={`/soc/cases/${k.id}/status`}
              to={to}
              version={k.version}
              primary={to !== "closed"}
              label={
                k.status === "closed"
                  ? t("cases.reopen")
                  : t("cases.moveTo", { status: t(`cases.status.${to}`) })
              }
            />
          ))}
        </div>
        <form method="post" action={`/soc/cases/${k.id}/owner`} class="inline-form">
          <HiddenFields fields={{ version: String(k.version) }} />
          <SelectField
            name="ownerId"
            id="case-owner"
            label={t("cases.owner.title")}
            value={k.owner?.id ?? ""}
            options={[
              { value: "", label: t("cases.noOwner") },
              ...people.map((p) => ({ value: p.id, label: p.name })),
            ]}
          />
          <SubmitButton variant="secondary" small>
            {t("cases.owner.submit")}
          </SubmitButton>
        </form>
      </section>
      {k.incidentId === null && k.alerts.length > 0 ? (
        <section class="panel" aria-labelledby="case-escalate-title">
          <h2 class="section-title" id="case-escalate-title">
            {t("cases.escalate.title")}
          </h2>
          <form method="post" action={`/soc/cases/${k.id}/escalate`} class="form">
            <HiddenFields fields={{ version: String(k.version) }} />
            {incidents.length > 0 ? (
              <SelectField
                name="incidentId"
                id="case-escalate-incident"
                label={t("cases.field.incident")}
                options={[
                  { value: "", label: t("alerts.escalate.newIncident") },
                  ...incidents.map((i) => ({ value: i.id, label: i.title })),
                ]}
              />
            ) : null}
            <p class="field-help">{t("cases.escalate.help")}</p>
            <div class="form-actions">
              <SubmitButton testid="case-escalate-submit">{t("cases.escalate.submit")}</SubmitButton>
            </div>
          </form>
        </section>
      ) : null}
    </>
  );
}

/**
 * `/soc/cases/:id`: a case — its description, its alerts, its notes (markdown) with a note
 * box; for analysts the workflow moves, the owner, and escalation to one incident.
 */
export function CasePage({
  view,
  item: k,
  people,
  incidents,
  canDelete,
  note,
  error,
  notice,
}: CasePageProps) {
  const { t } = view;
  const canAct = incidents !== null;
  return (
    <RecordDetail
      view={view}
      kind={CASE_KIND}
      id={k.id}
      title={k.title}
      canEdit={false}
      canDelete={canDelete}
      notice={notice}
      error={error}
      badges={
        <p class="page-sub incident-badges">
          <CaseStatus view={view} status={k.status} />
        </p>
      }
      main={
        <>
          <MarkdownPanel
            title={t("cases.field.description")}
            markdown={k.description}
            empty={t("cases.noDescription")}
            testid="case-description"
          />
          <CaseAlerts view={view} item={k} />
          <section class="panel" aria-labelledby="notes-title">
            <h2 class="section-title" id="notes-title">
              {t("cases.notes.title")}
            </h2>
            {k.notes.length === 0 ? <p class="muted">{t("cases.notes.none")}</p> : null}
            <ol class="timeline">
              {k.notes.map((n) => (
                <li class="timeline-entry is-comment">
                  <div class="timeline-meta">
                    <strong>{n.actorLabel}</strong> <RelativeTime view={view} ms={n.at} />
                  </div>
                  <div class="prose">{raw(renderMarkdown(n.body))}</div>
                </li>
              ))}
            </ol>
            {canAct ? (
              <NoteForm
                action={`/soc/cases/${k.id}/notes`}
                label={t("cases.notes.body")}
                note={note}
                help={t("cases.notes.help")}
                submit={t("cases.notes.add")}
                testid="case-note-submit"
              />
            ) : null}
          </section>
        </>
      }
      side={
        <>
          {canAct ? <Actions view={view} item={k} people={people} incidents={incidents} /> : null}
          <section class="panel">
            <FactList
              facts={[
                {
                  label: t("cases.field.owner"),
                  value: k.owner?.name,
                  empty: t("cases.noOwner"),
                  testid: "case-owner",
                },
                { label: t("cases.field.alerts"), value: view.fmt.number(k.alertCount), class: "num" },
                {
                  label: t("cases.field.incident"),
                  value: k.incident ? (
                    <a href={`/incidents/${k.incident.id}`} data-testid="case-incident">
                      {k.incident.title}
                    </a>
                  ) : null,
                  empty: t("alerts.field.none"),
                },
                { label: t("cases.field.version"), value: k.version, class: "num" },
              ]}
            />
          </section>
        </>
      }
    />
  );
}
