import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import { idParams } from "../../kit/record-schemas.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { approveAcceptance, rejectAcceptance, requestAcceptance } from "./acceptance.ts";
import { heatmapSchema, riskSchema, trendSchema } from "./api-schemas.ts";
import { riskSuggestion, suggestionAnswer, suggestionAnswerOf } from "./evidence.ts";
import { RISK } from "./kind.ts";
import { SCORE_KINDS } from "./matrix.ts";
import * as input from "./risk-input.ts";
import { getRisk, type RiskView, riskDeps, riskHeatmaps, riskQueries } from "./risk-queries.ts";
import { createRisk, deleteRisk, moveRisk, restoreRisk, updateRisk } from "./risk-service.ts";
import { registerTrend, trendQuerySchema } from "./trend.ts";

/** The columns of a risk export. */
const CSV_COLUMNS: CsvColumn<RiskView>[] = [
  ...fieldColumns<RiskView>("id", "title", "category", "status"),
  ...personColumns<RiskView>("owner"),
  ...SCORE_KINDS.flatMap((kind): CsvColumn<RiskView>[] => [
    { header: kind, value: (r) => `${r.scores[kind].likelihood}x${r.scores[kind].impact}` },
    { header: `${kind}_level`, value: (r) => r.scores[kind].level?.name ?? "outside the matrix" },
  ]),
  ...fieldColumns<RiskView>("aboveAppetite", "treatment"),
  ...timeColumns<RiskView>("treatmentDueAt", "nextReviewAt", "updatedAt"),
];

/** The answer of an acceptance step. */
const riskAnswer = { description: "The risk", schema: riskSchema };
/** The refusal of a decision on an acceptance when none waits for one (or another was taken meanwhile). */
const NOTHING_PENDING = { 409: { description: "No acceptance is waiting for a decision" } };

/** Risks as a record kind: the record kit's standard routes. */
const riskRecords = defineRecordApi({
  kind: RISK,
  tag: "Risks",
  schema: riskSchema,
  query: input.riskQuerySchema,
  columns: CSV_COLUMNS,
  queries: riskQueries,
  create: {
    summary: "Record a risk",
    description:
      "Likelihoods and impacts are 1 to the number of labels of `risk.matrix` (422 naming the field beyond); current and residual default to the inherent score. `owner` is an active user. Linked assets, vulnerabilities, incidents and threats must exist and not be deleted; `techniques` are ATT&CK ids. `treatment: accept` only comes from an approved acceptance.",
    body: input.newRiskSchema,
    run: createRisk,
  },
  get: {
    summary: "One risk",
    ok: "The risk with levels, links and acceptances; ETag carries its version",
    run: getRisk,
  },
  update: {
    description:
      "Against the version read (`version` or `If-Match`); stale: 409, nothing written. Each list (`assetIds`, `vulnerabilityIds`, `incidentIds`, `threatIds`, `techniques`) replaces the whole list.",
    body: input.riskPatchSchema,
    run: updateRisk,
  },
  status: {
    summary: "Move a risk in its workflow",
    description:
      "identified → assessed | closed; assessed → treating | monitored | closed; treating → monitored | assessed | closed; monitored → treating | assessed | closed; closed → assessed (reopen). Anything else: 409.",
    body: input.riskStatusSchema,
    run: moveRisk,
    versionOptional: true,
  },
  delete: deleteRisk,
  restore: restoreRisk,
  collection: (router) =>
    router
      .read(
        "/heatmap",
        {
          summary: "Heat maps of the open risks",
          description:
            "How many risks (neither deleted nor closed) lie in each cell of the matrix in force, by current and by residual score, with the levels each cell has.",
          ok: { description: "The heat maps", schema: heatmapSchema },
        },
        riskHeatmaps,
      )
      .read(
        "/trend",
        {
          summary: "The register over time",
          description:
            "Per day with a snapshot (taken daily, server time zone) in the period — the last 90 days, this quarter or this year — how many risks (not closed) stood at each level of the matrix in force, by current and by residual score.",
          query: trendQuerySchema,
          ok: { description: "The trend", schema: trendSchema },
        },
        (svc, actor, { query }) => registerTrend(svc, actor, query.period),
      ),
  record: (router) =>
    router
      .read(
        "/:id/suggestion",
        {
          summary: "Suggest a risk's current likelihood",
          description:
            "From the evidence on the risk's linked assets and techniques: open vulnerabilities (more when overdue), newly open ports, alerts, incidents and sightings of its techniques in the recent window, each reason with its points and a link to its record. Only a suggestion: apply it with PATCH (`currentLikelihood`). Evidence the caller's role cannot read counts, undescribed.",
          params: idParams,
          ok: { description: "The suggestion", schema: suggestionAnswer },
        },
        async (svc, actor, { params }) =>
          suggestionAnswerOf((await riskSuggestion(svc, actor, params.id)).suggestion),
      )
      .act(
        "/:id/acceptance",
        {
          summary: "Ask to accept a risk",
          description:
            "A manager or admin decides. `expiresAt` lies in the future, at most three years ahead. 409 while the risk is closed or has an acceptance pending or in force.",
          body: input.acceptanceRequestSchema,
          ok: riskAnswer,
          refused: { 409: { description: "The risk is closed or has an acceptance pending or in force" } },
        },
        requestAcceptance,
      )
      .act(
        "/:id/acceptance/approve",
        {
          summary: "Approve a risk's acceptance",
          description:
            "Managers and admins, never the requester (403). The treatment becomes `accept` and the risk `monitored` until the acceptance ends; then the risk is reopened. 409 when nothing is pending.",
          action: "approve",
          body: input.acceptanceDecisionSchema,
          ok: riskAnswer,
          refused: NOTHING_PENDING,
        },
        approveAcceptance,
      )
      .act(
        "/:id/acceptance/reject",
        {
          summary: "Reject (or withdraw) a risk's acceptance",
          description:
            "Managers and admins reject; the requester may withdraw their own request this way. 409 when nothing is pending.",
          body: input.acceptanceDecisionSchema,
          ok: riskAnswer,
          refused: NOTHING_PENDING,
        },
        rejectAcceptance,
      ),
});

/**
 * The risk register (read: every role; write: analysts and up; approve acceptances: managers
 * and admins; delete and restore: admins):
 * - GET    /api/v1/risks                       list: filters status, category, treatment, owner, level, aboveAppetite, likelihood+impact+scoreOf, open
 * - GET    /api/v1/risks/export                the same filters, all rows, CSV or JSON
 * - GET    /api/v1/risks/heatmap               open risks per cell, current and residual
 * - GET    /api/v1/risks/trend?period=         risks per level per day (daily snapshots)
 * - GET    /api/v1/risks/:id/suggestion        the evidence-based current likelihood suggestion
 * - POST   /api/v1/risks                       record one
 * - GET|PATCH /api/v1/risks/:id, POST /api/v1/risks/:id/status
 * - POST   /api/v1/risks/:id/acceptance        ask to accept it (reason, expiresAt)
 * - POST   /api/v1/risks/:id/acceptance/approve|reject   decide (the requester may only withdraw: reject)
 * - DELETE /api/v1/risks/:id, POST /api/v1/risks/:id/restore
 */
export function risksApi(deps: AppDeps): ApiRouter {
  return recordApi(riskRecords, deps, riskDeps(deps));
}
