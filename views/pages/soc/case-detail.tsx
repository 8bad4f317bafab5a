/** @jsxImportSource hono/jsx */

import { CASE_TRANSITIONS } from "../../../src/modules/soc/case-workflow.ts";
import type { CaseDetails } from "../../../src/modules/soc/cases.ts";
import type { TriageChoices } from "../../../src/modules/soc/triage-pages.ts";
import { FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { SelectField } from "../../components/form-field.tsx";
import { titledChoices } from "../../components/form-fields.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { ActionPanel, AssignForm, movesOf, Panel, StatusMoves } from "../../components/record-panels.tsx";
import { RelatedTable } from "../../components/record-table.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { TimelineEntry, TimelinePanel } from "../../components/timeline.tsx";
import type { TriageActionsProps } from "./alert-detail.tsx";
import { RELATED_ALERT_COLUMNS } from "./alert-rows.tsx";

function Actions({ view, item: k, people, incidents, typed }: TriageActionsProps & { item: CaseDetails }) {
  const { t } = view;
  return (
    <>
      <Panel title={t("incidents.workflow")}>
        <StatusMoves
          {...movesOf("/soc/cases", k, CASE_TRANSITIONS)}
          primary={(to) => to !== "closed"}
          label={(to) =>
            k.status === "closed" ? t("cases.reopen") : t("cases.moveTo", { status: t(`cases.status.${to}`) })
          }
        />
        <AssignForm
          action={`/soc/cases/${k.id}/owner`}
          name="ownerId"
          id="case-owner"
          label={t("cases.owner.title")}
          value={typed.ownerId ?? k.owner?.id ?? ""}
          none={t("cases.noOwner")}
          people={people}
          version={k.version}
          submit={t("cases.owner.submit")}
        />
      </Panel>
      {k.incidentId === null && k.alerts.length > 0 ? (
        <ActionPanel
          title={t("cases.escalate.title")}
          id="case-escalate-title"
          action={`/soc/cases/${k.id}/escalate`}
          version={k.version}
          help={t("cases.escalate.help")}
          submit={t("cases.escalate.submit")}
          testid="case-escalate-submit"
        >
          {incidents.length > 0 ? (
            <SelectField
              name="incidentId"
              id="case-escalate-incident"
              label={t("cases.field.incident")}
              value={typed.incidentId ?? ""}
              options={titledChoices([{ value: "", label: t("alerts.escalate.newIncident") }], incidents)}
            />
          ) : null}
        </ActionPanel>
      ) : null}
    </>
  );
}

/**
 * `/soc/cases/:id`: a case — its description, its alerts, its notes (markdown) with a note
 * box; for analysts the workflow moves, the owner, and escalation to one incident.
 */
export const CASE_DETAIL: RecordDetailSpec<CaseDetails, TriageChoices> = {
  head: ({ record }) => ({ record }),
  badges: ({ view, record: k }) => [
    <StatusText view={view} many="cases" status={k.status} testid="case-status" />,
  ],
  main: ({ view, kind, record: k, incidents, state }) => {
    const { t } = view;
    return [
      <DescriptionPanel view={view} kind={kind} markdown={k.description} />,
      <Panel title={t("cases.alerts.title")} id="case-alerts-title">
        {k.alerts.length === 0 ? (
          <p class="muted">{t("cases.alerts.none")}</p>
        ) : (
          <RelatedTable
            view={view}
            many="alerts"
            columns={RELATED_ALERT_COLUMNS}
            items={k.alerts}
            testid="case-alerts"
          />
        )}
      </Panel>,
      <TimelinePanel
        title={t("cases.notes.title")}
        id="notes-title"
        lead={k.notes.length === 0 ? <p class="muted">{t("cases.notes.none")}</p> : null}
        note={
          incidents !== null
            ? {
                action: `/soc/cases/${k.id}/notes`,
                label: t("cases.notes.body"),
                note: state.note ?? { value: "" },
                help: t("cases.notes.help"),
                submit: t("cases.notes.add"),
                testid: "case-note-submit",
              }
            : null
        }
      >
        {k.notes.map((n) => (
          <TimelineEntry view={view} kind="comment" actor={n.actorLabel} at={n.at} body={n.body} />
        ))}
      </TimelinePanel>,
    ];
  },
  side: (page) => {
    const { view, record: k, people, incidents, state } = page;
    const { t, fact, person } = factBuilders(page);
    return [
      incidents ? (
        <Actions view={view} item={k} people={people} incidents={incidents} typed={state.typed ?? {}} />
      ) : null,
      <FactsPanel
        facts={[
          person("owner", k.owner, "noOwner", "case-owner"),
          fact("alerts", view.fmt.number(k.alertCount), { class: "num" }),
          fact(
            "incident",
            k.incident ? (
              <a href={`/incidents/${k.incident.id}`} data-testid="case-incident">
                {k.incident.title}
              </a>
            ) : null,
            { empty: t("alerts.field.none") },
          ),
          fact("version", k.version, { class: "num" }),
        ]}
      />,
    ];
  },
};
