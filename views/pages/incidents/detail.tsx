/** @jsxImportSource hono/jsx */

import { INCIDENT_STATUSES } from "../../../src/kit/incident-statuses.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Severity } from "../../../src/lib/severity.ts";
import type { IncidentAlert } from "../../../src/modules/incidents/alerts.ts";
import type { IncidentDetails } from "../../../src/modules/incidents/queries.ts";
import type { IncidentEvent } from "../../../src/modules/incidents/schema.ts";
import { TRANSITIONS } from "../../../src/modules/incidents/workflow.ts";
import { isOpenAlert } from "../../../src/modules/soc/alert-workflow.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel, recordMoves, WorkflowPanel } from "../../components/record-panels.tsx";
import { DateTime, RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import {
  TimelineEntry,
  TimelinePanel,
  type WorkflowEventTexts,
  workflowEventText,
} from "../../components/timeline.tsx";
import { ContextView } from "../soc/context-view.tsx";
import { RecordTechniques } from "../threats/record-techniques.tsx";
import { IncidentLinksPanel, type LinkChoices } from "./links.tsx";

/** What an incident's page reads besides the incident. */
export interface IncidentPageProps {
  /** Display names by user id, for assignment entries. */
  names: Record<string, string>;
  /** What can be linked (analysts and up); null when the viewer cannot link. */
  choices: LinkChoices | null;
}

function duration(view: ViewContext, ms: number | null): string {
  return ms === null ? "—" : view.fmt.duration(Math.round(ms / 1000));
}

/** How the incident's status moves and assignments read on its timeline. */
const EVENT_TEXTS: WorkflowEventTexts = {
  status: "incidents.timeline.status",
  assignment: "incidents.timeline.assignment",
  statuses: "incidents.status",
  nobody: "incidents.unassigned",
};

function Entry({
  view,
  entry,
  names,
}: Pick<IncidentPageProps, "names"> & { view: ViewContext; entry: IncidentEvent }) {
  const { t } = view;
  const text =
    entry.kind === "created"
      ? t("incidents.timeline.created")
      : entry.kind === "evidence"
        ? t("incidents.timeline.evidence")
        : entry.kind === "link" || entry.kind === "unlink"
          ? t(`incidents.timeline.${entry.kind}.${entry.fromValue}`, { name: entry.toValue ?? "" })
          : entry.kind === "alert"
            ? t("incidents.timeline.alert", { title: entry.toValue ?? "" })
            : workflowEventText(view, EVENT_TEXTS, entry, (id) => names[id]);
  return (
    <TimelineEntry
      view={view}
      kind={entry.kind}
      actor={entry.actorLabel}
      at={entry.at}
      text={text}
      body={entry.body}
      testid={`timeline-${entry.kind}`}
      after={
        entry.kind === "alert" && entry.data ? <AlertSnapshot view={view} snapshot={entry.data} /> : null
      }
    />
  );
}

/**
 * `/incidents/:id`: what happened (rendered markdown), where it stands in the workflow with
 * the moves allowed from here, who has it, how long it took, and the timeline with a
 * comment box; edit, delete (admins) from the title row.
 */
export const INCIDENT_DETAIL: RecordDetailSpec<IncidentDetails, IncidentPageProps> = {
  head: ({ record }) => ({ record }),
  badges: ({ view, record: i }) => [
    <SeverityBadge view={view} severity={i.severity} />,
    <StatusText view={view} many="incidents" status={i.status} testid="incident-status" />,
    i.category ? <span class="muted"> · {i.category}</span> : null,
  ],
  main: ({ view, kind, record: i, canEdit, names, state }) => {
    const { t } = view;
    return [
      <DescriptionPanel view={view} kind={kind} markdown={i.description} />,
      <TimelinePanel
        title={t("incidents.timeline.title")}
        id="timeline-title"
        testid="timeline"
        note={
          canEdit
            ? {
                action: `/incidents/${i.id}/comments`,
                label: t("incidents.comment"),
                note: state.note ?? { value: "" },
                help: t("incidents.field.descriptionHelp"),
                submit: t("incidents.addComment"),
                testid: "comment-submit",
              }
            : null
        }
      >
        {i.timeline.map((entry) => (
          <Entry view={view} entry={entry} names={names} />
        ))}
      </TimelinePanel>,
    ];
  },
  side: (page) => {
    const { view, record: i, canEdit = false, choices } = page;
    const { t, fact, meta, person } = factBuilders(page);
    const openAlerts = i.alerts.some((a) => isOpenAlert(a.status));
    return [
      <WorkflowPanel
        title={t("incidents.workflow")}
        steps={{ steps: INCIDENT_STATUSES, current: i.status, name: (s) => t(`incidents.status.${s}`) }}
        moves={recordMoves(page, i, TRANSITIONS, {
          primary: (to) => to !== "closed",
          label: (to) =>
            i.status === "closed"
              ? t("incidents.reopen")
              : t("incidents.moveTo", { status: t(`incidents.status.${to}`) }),
          option: (to) =>
            to === "closed" && openAlerts
              ? { name: "closeAlerts", label: t("incidents.alerts.closeWith") }
              : undefined,
        })}
      />,
      <FactsPanel
        facts={[
          person("assignee", i.assignedTo, "unassigned", "incident-assignee"),
          fact("detectedAt", <DateTime view={view} ms={i.detectedAt} />),
          meta("incidents.openedBy", i.createdBy?.name ?? t("incidents.system")),
          meta("incidents.timeToTriage", duration(view, i.timeToTriageMs), { class: "num" }),
          meta("incidents.timeToClose", duration(view, i.timeToCloseMs), { class: "num" }),
          meta("incidents.version", i.version, { class: "num" }),
        ]}
      />,
      <IncidentAlertsPanel view={view} alerts={i.alerts} />,
      <IncidentLinksPanel view={view} incidentId={i.id} links={i.links} choices={choices} />,
      <RecordTechniques view={view} kind="incident" record={i} canEdit={canEdit} />,
    ];
  },
};

/** The SOC alerts escalated to an incident, each linking to its page. */
function IncidentAlertsPanel({ view, alerts }: { view: ViewContext; alerts: IncidentAlert[] }) {
  const { t, fmt } = view;
  return (
    <Panel title={t("incidents.alerts.title")} id="incident-alerts-title">
      {alerts.length === 0 ? (
        <p class="muted">{t("incidents.alerts.none")}</p>
      ) : (
        <ul class="link-list" data-testid="incident-alerts">
          {alerts.map((a) => (
            <li>
              <a href={`/soc/${a.id}`}>{a.title}</a>{" "}
              <span class="link-meta">
                <SeverityBadge view={view} severity={a.severity} />{" "}
                <StatusText view={view} many="alerts" status={a.status} testid="alert-status" />{" "}
                <span class="muted num">{t("alerts.times", { count: fmt.number(a.count) })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/**
 * The snapshot of an alert an incident's timeline holds: where and how often it fired,
 * and its context (tables for lists of processes or ports), as it was when escalated.
 */
function AlertSnapshot({ view, snapshot }: { view: ViewContext; snapshot: Record<string, unknown> }) {
  const { t, fmt } = view;
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  const alertId = typeof snapshot.alertId === "string" ? snapshot.alertId : null;
  return (
    <div class="alert-snapshot" data-testid="alert-snapshot">
      <p class="timeline-text">
        {typeof snapshot.severity === "string" ? (
          <SeverityBadge view={view} severity={snapshot.severity as Severity} />
        ) : null}{" "}
        {typeof snapshot.host === "string" ? <span class="mono">{snapshot.host}</span> : null}{" "}
        {typeof snapshot.count === "number" ? (
          <span class="muted num">{t("alerts.times", { count: fmt.number(snapshot.count) })}</span>
        ) : null}{" "}
        {typeof snapshot.lastSeen === "number" ? <RelativeTime view={view} ms={snapshot.lastSeen} /> : null}{" "}
        {alertId ? <a href={`/soc/${alertId}`}>{t("incidents.alerts.open")}</a> : null}
      </p>
      <ContextView view={view} context={context} empty={t("alerts.context.empty")} />
    </div>
  );
}
