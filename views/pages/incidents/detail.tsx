/** @jsxImportSource hono/jsx */

import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { renderMarkdown } from "../../../src/lib/markdown.ts";
import type { IncidentDetails } from "../../../src/modules/incidents/queries.ts";
import type { IncidentEvent } from "../../../src/modules/incidents/schema.ts";
import { TRANSITIONS } from "../../../src/modules/incidents/workflow.ts";
import { isOpenAlert } from "../../../src/modules/soc/alert-workflow.ts";
import { FactList } from "../../components/fact-list.tsx";
import { MarkdownPanel } from "../../components/markdown-panel.tsx";
import { NoteForm } from "../../components/note-form.tsx";
import { RecordDetail } from "../../components/record-detail.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { StatusMove } from "../../components/status-move.tsx";
import { RecordTechniques } from "../threats/record-techniques.tsx";
import { AlertSnapshot, IncidentAlertsPanel } from "./alerts.tsx";
import { INCIDENT } from "./kind.ts";
import { IncidentLinksPanel, type LinkChoices } from "./links.tsx";

/** Props of an incident's page. */
export interface IncidentPageProps {
  view: ViewContext;
  incident: IncidentDetails;
  /** Display names by user id, for assignment entries. */
  names: Record<string, string>;
  canEdit: boolean;
  canDelete: boolean;
  /** A comment being written again after a problem, and the problem. */
  comment: { value: string; error?: string };
  /** A failed action (a move someone else made first …). */
  error: string | null;
  notice: string | null;
  /** What can be linked (analysts and up); null when the viewer cannot link. */
  choices: LinkChoices | null;
}

function duration(view: ViewContext, ms: number | null): string {
  return ms === null ? "—" : view.fmt.duration(Math.round(ms / 1000));
}

function Entry({
  view,
  entry,
  names,
}: {
  view: ViewContext;
  entry: IncidentEvent;
  names: Record<string, string>;
}) {
  const { t } = view;
  const who = (id: string | null) => (id ? (names[id] ?? id) : t("incidents.unassigned"));
  const text =
    entry.kind === "status"
      ? t("incidents.timeline.status", {
          from: t(`incidents.status.${entry.fromValue}`),
          to: t(`incidents.status.${entry.toValue}`),
        })
      : entry.kind === "assignment"
        ? t("incidents.timeline.assignment", { to: who(entry.toValue) })
        : entry.kind === "created"
          ? t("incidents.timeline.created")
          : entry.kind === "evidence"
            ? t("incidents.timeline.evidence")
            : entry.kind === "link" || entry.kind === "unlink"
              ? t(`incidents.timeline.${entry.kind}.${entry.fromValue}`, { name: entry.toValue ?? "" })
              : entry.kind === "alert"
                ? t("incidents.timeline.alert", { title: entry.toValue ?? "" })
                : null;
  return (
    <li class={`timeline-entry is-${entry.kind}`} data-testid={`timeline-${entry.kind}`}>
      <div class="timeline-meta">
        <strong>{entry.actorLabel}</strong> <RelativeTime view={view} ms={entry.at} />
      </div>
      {text ? <p class="timeline-text">{text}</p> : null}
      {entry.body ? <div class="prose">{raw(renderMarkdown(entry.body))}</div> : null}
      {entry.kind === "alert" && entry.data ? <AlertSnapshot view={view} snapshot={entry.data} /> : null}
    </li>
  );
}

/**
 * `/incidents/:id`: what happened (rendered markdown), where it stands in the workflow with
 * the moves allowed from here, who has it, how long it took, and the timeline with a
 * comment box; edit, delete (admins) from the title row.
 */
export function IncidentPage({
  view,
  incident: i,
  names,
  canEdit,
  canDelete,
  comment,
  error,
  notice,
  choices,
}: IncidentPageProps) {
  const { t, fmt } = view;
  const openAlerts = i.alerts.some((a) => isOpenAlert(a.status));
  return (
    <RecordDetail
      view={view}
      kind={INCIDENT}
      id={i.id}
      title={i.title}
      canEdit={canEdit}
      canDelete={canDelete}
      notice={notice}
      error={error}
      badges={
        <p class="page-sub incident-badges">
          <SeverityBadge view={view} severity={i.severity} />{" "}
          <span class={`status status-${i.status}`} data-testid="incident-status">
            {t(`incidents.status.${i.status}`)}
          </span>
          {i.category ? <span class="muted"> · {i.category}</span> : null}
        </p>
      }
      main={
        <>
          <MarkdownPanel
            title={t("incidents.field.description")}
            markdown={i.description}
            empty={t("incidents.noDescription")}
            testid="incident-description"
          />
          <section class="panel" aria-labelledby="timeline-title">
            <h2 class="section-title" id="timeline-title">
              {t("incidents.timeline.title")}
            </h2>
            <ol class="timeline" data-testid="timeline">
              {i.timeline.map((entry) => (
                <Entry view={view} entry={entry} names={names} />
              ))}
            </ol>
            {canEdit ? (
              <NoteForm
                action={`/incidents/${i.id}/comments`}
                label={t("incidents.comment")}
                note={comment}
                help={t("incidents.field.descriptionHelp")}
                submit={t("incidents.addComment")}
                testid="comment-submit"
              />
            ) : null}
          </section>
        </>
      }
      side={
        <>
          <section class="panel">
            <h2 class="section-title">{t("incidents.workflow")}</h2>
            <ol class="workflow" aria-label={t("incidents.workflow")}>
              {(["new", "triage", "containment", "eradication", "recovery", "closed"] as const).map((s) => (
                <li aria-current={s === i.status ? "step" : undefined}>{t(`incidents.status.${s}`)}</li>
              ))}
            </ol>
            {canEdit ? (
              <div class="workflow-actions">
                {TRANSITIONS[i.status].map((to) => (
                  <StatusMove
                    action={`/incidents/${i.id}/status`}
                    to={to}
                    version={i.version}
                    primary={to !== "closed"}
                    label={
                      i.status === "closed"
                        ? t("incidents.reopen")
                        : t("incidents.moveTo", { status: t(`incidents.status.${to}`) })
                    }
                    option={
                      to === "closed" && openAlerts
                        ? { name: "closeAlerts", label: t("incidents.alerts.closeWith") }
                        : undefined
                    }
                  />
                ))}
              </div>
            ) : null}
          </section>
          <section class="panel">
            <FactList
              facts={[
                {
                  label: t("incidents.field.assignee"),
                  value: i.assignedTo?.name,
                  empty: t("incidents.unassigned"),
                  testid: "incident-assignee",
                },
                {
                  label: t("incidents.field.detectedAt"),
                  value: (
                    <time datetime={new Date(i.detectedAt).toISOString()}>{fmt.dateTime(i.detectedAt)}</time>
                  ),
                },
                { label: t("incidents.openedBy"), value: i.createdBy?.name ?? t("incidents.system") },
                { label: t("incidents.timeToTriage"), value: duration(view, i.timeToTriageMs), class: "num" },
                { label: t("incidents.timeToClose"), value: duration(view, i.timeToCloseMs), class: "num" },
                { label: t("incidents.version"), value: i.version, class: "num" },
              ]}
            />
          </section>
          <IncidentAlertsPanel view={view} alerts={i.alerts} />
          <IncidentLinksPanel view={view} incidentId={i.id} links={i.links} choices={choices} />
          <RecordTechniques
            view={view}
            kind="incident"
            recordId={i.id}
            techniques={i.techniques}
            canEdit={canEdit}
          />
        </>
      }
    />
  );
}
