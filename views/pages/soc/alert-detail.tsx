/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { AlertDetails } from "../../../src/modules/soc/alert-queries.ts";
import { ALERT_TRANSITIONS } from "../../../src/modules/soc/alert-workflow.ts";
import type { AlertEvent } from "../../../src/modules/soc/alerts-schema.ts";
import type { TriageChoices } from "../../../src/modules/soc/triage-pages.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { SelectField } from "../../components/form-field.tsx";
import { titledChoices } from "../../components/form-fields.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { ActionPanel, AssignForm, movesOf, Panel, StatusMoves } from "../../components/record-panels.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import {
  TimelineEntry,
  TimelinePanel,
  type WorkflowEventTexts,
  workflowEventText,
} from "../../components/timeline.tsx";
import { RecordTechniques } from "../threats/record-techniques.tsx";
import { ContextView } from "./context-view.tsx";

const MOVE_LABELS = {
  acknowledged: "alerts.actions.acknowledge",
  closed: "alerts.actions.close",
  false_positive: "alerts.actions.falsePositive",
  new: "alerts.actions.reopen",
  escalated: "alerts.escalate.submit",
} as const;

/** How the alert's status moves and assignments read on its history. */
const EVENT_TEXTS: WorkflowEventTexts = {
  status: "alerts.history.status",
  assignment: "alerts.history.assignment",
  statuses: "alerts.status",
  nobody: "alerts.unassigned",
};

function HistoryEntry({
  view,
  entry,
  names,
}: {
  view: ViewContext;
  entry: AlertEvent;
  names: Map<string, string>;
}) {
  const { t } = view;
  const text =
    entry.kind === "escalated"
      ? t("alerts.history.escalated")
      : entry.kind === "case"
        ? t("alerts.history.case")
        : workflowEventText(view, EVENT_TEXTS, entry, (id) => names.get(id));
  return (
    <TimelineEntry
      view={view}
      kind={entry.kind === "note" ? "comment" : entry.kind}
      actor={entry.actorLabel}
      at={entry.at}
      text={text}
      body={entry.body}
    >
      {entry.kind === "escalated" && entry.toValue ? (
        <p class="timeline-text">
          <a href={`/incidents/${entry.toValue}`}>{t("alerts.field.incident")}</a>
        </p>
      ) : null}
      {entry.kind === "case" && entry.toValue ? (
        <p class="timeline-text">
          <a href={`/soc/cases/${entry.toValue}`}>{t("alerts.field.case")}</a>
        </p>
      ) : null}
    </TimelineEntry>
  );
}

/**
 * What the actions panel of an alert's or a case's page is given: the viewer may act, so the
 * incidents are there; `typed`, the fields of a refused post, which its form shows again.
 */
export interface TriageActionsProps {
  view: ViewContext;
  people: TriageChoices["people"];
  incidents: NonNullable<TriageChoices["incidents"]>;
  typed: Record<string, string>;
}

function Actions({ view, alert: a, people, incidents, typed }: TriageActionsProps & { alert: AlertDetails }) {
  const { t } = view;
  const escalable = a.status === "new" || a.status === "acknowledged";
  const attach = typed.target === "attach";
  return (
    <>
      <Panel title={t("alerts.actions.title")}>
        <StatusMoves
          {...movesOf("/soc", a, ALERT_TRANSITIONS)}
          primary={(to) => to === "acknowledged" || to === "new"}
          label={(to) => t(MOVE_LABELS[to])}
        />
        <AssignForm
          action={`/soc/${a.id}/assign`}
          name="assignedTo"
          id="alert-assignee"
          label={t("alerts.actions.assignTo")}
          value={typed.assignedTo ?? a.assignedTo?.id ?? ""}
          none={t("alerts.unassigned")}
          people={people}
          version={a.version}
          submit={t("alerts.actions.assign")}
          testid="assign-submit"
        />
      </Panel>
      {escalable ? (
        <ActionPanel
          title={t("alerts.escalate.title")}
          id="escalate-title"
          action={`/soc/${a.id}/escalate`}
          version={a.version}
          help={t("alerts.escalate.help")}
          submit={t("alerts.escalate.submit")}
          testid="escalate-submit"
        >
          <fieldset class="choice-group">
            <label class="check-label">
              <input type="radio" name="target" value="new" checked={!attach} data-testid="escalate-new" />
              {t("alerts.escalate.newIncident")}
            </label>
            {incidents.length > 0 ? (
              <label class="check-label">
                <input
                  type="radio"
                  name="target"
                  value="attach"
                  checked={attach}
                  data-testid="escalate-attach"
                />
                {t("alerts.escalate.attach")}
              </label>
            ) : null}
          </fieldset>
          {incidents.length > 0 ? (
            <SelectField
              name="incidentId"
              id="escalate-incident"
              label={t("alerts.escalate.attach")}
              hideLabel
              value={typed.incidentId ?? ""}
              options={titledChoices([{ value: "", label: t("alerts.escalate.chooseIncident") }], incidents)}
            />
          ) : null}
        </ActionPanel>
      ) : null}
    </>
  );
}

/**
 * `/soc/:id`: an alert — what fired, how often, on which host, its context shown readably
 * (tables for lists of processes or ports), its history with notes, and for analysts the
 * actions: acknowledge, assign, escalate to a new or an existing incident, close, false
 * positive, reopen.
 */
export const ALERT_DETAIL: RecordDetailSpec<AlertDetails, TriageChoices> = {
  head: ({ record }) => ({ record }),
  badges: ({ view, record: a }) => [
    <SeverityBadge view={view} severity={a.severity} />,
    <StatusText view={view} many="alerts" status={a.status} testid="alert-status" />,
    <span class="muted num">{view.t("alerts.times", { count: view.fmt.number(a.count) })}</span>,
  ],
  main: ({ view, kind, record: a, people, incidents, state }) => {
    const { t } = view;
    const names = new Map(people.map((p) => [p.id, p.name]));
    return [
      <DescriptionPanel view={view} kind={kind} markdown={a.description} heading="incidents" />,
      <Panel title={t("alerts.context.title")}>
        <ContextView view={view} context={a.context} empty={t("alerts.context.empty")} />
      </Panel>,
      <TimelinePanel
        title={t("alerts.history.title")}
        id="history-title"
        note={
          incidents !== null
            ? {
                action: `/soc/${a.id}/notes`,
                label: t("alerts.history.note"),
                note: state.note ?? { value: "" },
                help: t("incidents.field.descriptionHelp"),
                submit: t("alerts.history.add"),
                testid: "note-submit",
              }
            : null
        }
      >
        <TimelineEntry
          view={view}
          kind="created"
          actor={a.createdBy?.name ?? t("incidents.system")}
          at={a.firstSeen}
          text={t("alerts.history.raised", { source: t(`alerts.source.${a.source}`) })}
        />
        {a.history.map((entry) => (
          <HistoryEntry view={view} entry={entry} names={names} />
        ))}
      </TimelinePanel>,
    ];
  },
  side: (page) => {
    const { view, record: a, people, incidents, state } = page;
    const { t, fact, person } = factBuilders(page);
    const none = { empty: t("alerts.field.none") };
    return [
      incidents ? (
        <Actions view={view} alert={a} people={people} incidents={incidents} typed={state.typed ?? {}} />
      ) : null,
      <RecordTechniques view={view} kind="alert" record={a} canEdit={incidents !== null} />,
      <FactsPanel
        facts={[
          fact("source", t(`alerts.source.${a.source}`)),
          fact("host", a.host, { class: "mono" }),
          fact("dedupKey", a.dedupKey, { class: "mono" }),
          fact("count", view.fmt.number(a.count), { class: "num", testid: "alert-count" }),
          fact("firstSeen", <RelativeTime view={view} ms={a.firstSeen} />),
          fact("lastSeen", <RelativeTime view={view} ms={a.lastSeen} />),
          person("assignee", a.assignedTo, "unassigned", "alert-assignee"),
          fact(
            "incident",
            a.incident ? (
              <a href={`/incidents/${a.incident.id}`} data-testid="alert-incident">
                {a.incident.title}
              </a>
            ) : null,
            none,
          ),
          fact("case", a.case ? <a href={`/soc/cases/${a.case.id}`}>{a.case.title}</a> : null, none),
          fact("version", a.version, { class: "num" }),
        ]}
      />,
    ];
  },
};
