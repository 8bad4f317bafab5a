/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { Suggestion } from "../../../src/modules/risks/evidence.ts";
import { SCORE_KINDS } from "../../../src/modules/risks/matrix.ts";
import { LINK_SOURCES } from "../../../src/modules/risks/risk-links.ts";
import type { RiskView } from "../../../src/modules/risks/risk-queries.ts";
import { RISK_LINK_KINDS, type RiskStatus } from "../../../src/modules/risks/schema.ts";
import { RISK_TRANSITIONS } from "../../../src/modules/risks/workflow.ts";
import { FactList, FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import type { FormState } from "../../components/form-field.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel, recordMoves, WorkflowPanel } from "../../components/record-panels.tsx";
import { dateAndAgo } from "../../components/relative-time.tsx";
import { type AcceptanceFormValues, AcceptancePanel, type AcceptanceRights } from "./acceptance.tsx";
import { AppetiteMark, RiskStatusLabel, ScoreBadge } from "./parts.tsx";
import { RiskSuggestion } from "./suggestion.tsx";

/** Links as a plain list; null for none (a fact then shows a muted dash). */
function linkList(items: Child[]): Child {
  if (items.length === 0) return null;
  return (
    <ul class="plain-list">
      {items.map((item) => (
        <li>{item}</li>
      ))}
    </ul>
  );
}

/** The label of a move: reopening (back to assessed from monitored or closed) and going back to assessment say so. */
function moveLabel(from: RiskStatus, to: RiskStatus): string {
  if (to === "assessed" && (from === "monitored" || from === "closed")) return "reopen";
  return from === "treating" && to === "assessed" ? "reassess" : to;
}

/**
 * `/risks/:id`: the three scores with their levels (and the appetite mark), the treatment,
 * the description, the linked records and techniques, the acceptance panel and the moves
 * the workflow allows from here.
 */
export const RISK_DETAIL: RecordDetailSpec<
  { risk: RiskView; suggestion: Suggestion },
  // Besides the risk: the matrix's likelihood labels and what the viewer may do about acceptance.
  { labels: readonly string[]; rights: AcceptanceRights },
  // The acceptance request as typed, shown again after a 422.
  { acceptanceForm: FormState<AcceptanceFormValues> }
> = {
  head: ({ record }) => ({ record: record.risk }),
  layout: "vuln",
  badges: ({ view, record: { risk: r } }) => [
    <span data-testid="risk-status">
      <RiskStatusLabel view={view} status={r.status} />
    </span>,
    <span class="badge">{view.t(`risks.category.${r.category}`)}</span>,
    r.aboveAppetite ? <AppetiteMark view={view} /> : null,
  ],
  main: (page) => {
    const { view, record, canEdit, labels } = page;
    const { risk: r, suggestion } = record;
    const { t, fact } = factBuilders(page);
    return [
      <Panel title={t("risks.scores")} id="scores-title">
        <dl class="risk-scores" data-testid="risk-scores">
          {SCORE_KINDS.map((kind) => (
            <div class="risk-score-card">
              <dt>{t(`risks.score.${kind}`)}</dt>
              <dd>
                <ScoreBadge view={view} score={r.scores[kind]} testid={`score-${kind}`} />
              </dd>
            </div>
          ))}
        </dl>
      </Panel>,
      <RiskSuggestion
        view={view}
        suggestion={suggestion}
        labels={labels}
        applyUrl={canEdit ? `/risks/${r.id}/likelihood` : null}
        fields={{ version: String(r.version) }}
      />,
      <Panel title={t("risks.field.treatment")} id="treatment-title">
        <FactList
          facts={[
            fact("treatment", r.treatment ? t(`risks.treatment.${r.treatment}`) : null, {
              empty: t("risks.untreated"),
              testid: "risk-treatment",
            }),
            fact("treatmentDueAt", dateAndAgo(view, r.treatmentDueAt)),
          ]}
        />
        {r.treatmentPlan ? <p class="risk-plan">{r.treatmentPlan}</p> : null}
      </Panel>,
      <DescriptionPanel view={view} kind={page.kind} markdown={r.description} />,
      <Panel title={t("risks.links")} id="links-title">
        <FactList
          testid="risk-links"
          facts={[
            ...RISK_LINK_KINDS.map((kind) => ({
              label: t(`risks.linkKind.${kind}`),
              value: linkList(
                r.links[kind].map((x) => <a href={`${LINK_SOURCES[kind].href}${x.id}`}>{x.name}</a>),
              ),
            })),
            fact(
              "techniques",
              linkList(
                r.techniques.map((x) => (
                  <a href={`/threats/techniques/${x.attackId}`}>
                    <span class="mono">{x.attackId}</span> {x.name}
                  </a>
                )),
              ),
            ),
          ]}
        />
      </Panel>,
    ];
  },
  side: (page) => {
    const { view, rights, state } = page;
    const r = page.record.risk;
    const { t, fact, meta } = factBuilders(page);
    return [
      <WorkflowPanel
        title={t("risks.statusTitle")}
        moves={recordMoves(page, r, RISK_TRANSITIONS, {
          primary: (to) => to !== "closed" && to !== "assessed",
          label: (to) => t(`risks.moveTo.${moveLabel(r.status, to)}`),
        })}
      >
        <p>
          <RiskStatusLabel view={view} status={r.status} />
        </p>
      </WorkflowPanel>,
      <AcceptancePanel view={view} risk={r} rights={rights} form={state.acceptanceForm} />,
      <FactsPanel
        facts={[
          fact("owner", r.owner.name, { testid: "risk-owner" }),
          fact("nextReviewAt", dateAndAgo(view, r.nextReviewAt), { empty: t("risks.noReview") }),
          meta("risks.recordedBy", r.createdBy?.name ?? t("risks.system")),
          meta("risks.version", r.version, { class: "num" }),
        ]}
      />,
    ];
  },
};
