import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import { users } from "../../db/schema/users.ts";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { ListCache } from "../../kit/list-cache.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createRecord } from "../../kit/record-create.ts";
import { announceChange, auditChange, changeKindOf, type RecordEventDeps } from "../../kit/record-events.ts";
import { timelineOf } from "../../kit/record-history.ts";
import type { RecordPage } from "../../kit/record-list.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { workflowMove } from "../../kit/record-move.ts";
import { assigneeCondition, defineRecordQueries, personOf } from "../../kit/record-queries.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { type IncidentSummary, incidentSummary } from "../incidents/summary.ts";
import type { AlertEvents } from "./alert-events.ts";
import { type AlertView, alertDeps, alertViewsWhere } from "./alert-queries.ts";
import { ALERT_CHANGES } from "./alerts.ts";
import { alerts } from "./alerts-schema.ts";
import type { CaseQuery, mergeAlertsSchema, newCaseSchema } from "./case-input.ts";
import { addAlertsToCase, assertTakesAlerts } from "./case-membership.ts";
import { CASE_TRANSITIONS } from "./case-workflow.ts";
import { type Case, type CaseNote, caseAlerts, caseNotes, caseOrder, cases } from "./cases-schema.ts";
import { CASE_KIND } from "./kind.ts";
import { CASE_SEARCH } from "./search.ts";

/** What case services need; `alertEvents` tells owners they were given a case. */
export interface CaseDeps extends RecordEventDeps {
  alertEvents?: AlertEvents;
  lists?: ListCache<RecordPage<CaseView>>;
}

/** The case services' deps for the app's API and pages, each with its own list cache. */
export function caseDeps(deps: AppDeps): CaseDeps {
  return { ...alertDeps(deps), lists: new ListCache<RecordPage<CaseView>>(deps.bus, "cases") };
}

/** A case as the API and pages show it. */
export type CaseView = Omit<Case, "ownerId"> & {
  owner: { id: string; name: string } | null;
  alertCount: number;
};

/** A case with its alerts, notes and incident. */
export type CaseDetails = CaseView & {
  alerts: AlertView[];
  notes: CaseNote[];
  incident: IncidentSummary | null;
};

/** The case kind of record: audited as `case.*`, announced on the `cases` topic. */
export const CASE_CHANGES = changeKindOf(CASE_KIND, CASE_SEARCH);

const alertCount = sql<number>`(select count(*) from ${caseAlerts} where ${caseAlerts.caseId} = ${cases.id})`;

type Joined = { row: Case; ownerName: string | null; alertCount: number };

function toView({ row, ownerName, alertCount }: Joined): CaseView {
  const { ownerId, ...rest } = row;
  return { ...rest, owner: personOf(ownerId, ownerName), alertCount };
}

/** Cases as the record kit reads them, with their owner's name and how many alerts they group. */
export const caseQueries = defineRecordQueries({
  table: cases,
  kind: CASE_KIND,
  sort: caseOrder(cases),
  select: (db) =>
    db
      .select({ row: cases, ownerName: users.displayName, alertCount })
      .from(cases)
      .leftJoin(users, eq(users.id, cases.ownerId)),
  idOf: (row) => row.row.id,
  toViews: (_deps, rows) => rows.map(toView),
  text: [cases.title, cases.description],
  filters: (query: CaseQuery) =>
    and(
      query.status ? eq(cases.status, query.status) : undefined,
      assigneeCondition(cases.ownerId, query.ownerId),
    ),
});

/**
 * A page of cases (every role that reads cases); the case `id` as shown (404 when there is
 * none or it is deleted).
 */
export const { list: listCases, findView: findCaseView } = caseQueries;

/** One case with its alerts, notes and incident. */
export async function getCase(deps: CaseDeps, actor: Actor, caseId: string): Promise<CaseDetails> {
  const view = await caseQueries.get(deps, actor, caseId);
  const member = sql`${alerts.id} in (select ${caseAlerts.alertId} from ${caseAlerts} where ${caseAlerts.caseId} = ${caseId})`;
  const notes = await timelineOf(deps.db, caseNotes, caseNotes.caseId, caseId);
  const incident = await incidentSummary(deps.db, view.incidentId);
  return { ...view, alerts: await alertViewsWhere(deps.db, member), notes, incident };
}

function tellOwner(deps: CaseDeps, actor: Actor, caseId: string, title: string, ownerId: string | null) {
  if (ownerId && ownerId !== actor.id)
    deps.alertEvents?.assigned(
      { kind: "case", id: caseId, title, link: `/soc/cases/${caseId}` },
      ownerId,
      actor,
    );
}

/** Cases as the record kit creates them: the owner must be an active user. */
const CASE_RECORD = {
  table: cases,
  kind: CASE_CHANGES,
  findView: findCaseView,
  person: "ownerId",
} as const;

/** Opens a case (analysts and up), grouping the given alerts (422 for an unknown one, 409 for one in another case). */
export async function createCase(
  deps: CaseDeps,
  actor: Actor,
  input: z.infer<typeof newCaseSchema>,
  request?: RequestFacts,
): Promise<CaseView> {
  const { alertIds: _alerts, ...fields } = input;
  return createRecord(CASE_RECORD, deps, actor, { ...fields, createdBy: actor.id }, request, {
    audited: { title: input.title, alerts: input.alertIds },
    also: async (tx, caseId) => {
      await addAlertsToCase(tx, actor, caseId, input.alertIds);
    },
    committed(caseId) {
      deps.bus?.publish(ALERT_CHANGES.topic, "alert.updated", { caseId });
      tellOwner(deps, actor, caseId, input.title, input.ownerId);
    },
  });
}

/** Cases' edit, delete and restore, from the record kit. */
const caseService = defineRecordService(cases, CASE_CHANGES, findCaseView, {
  person: "ownerId",
  longText: "description",
  notes: {
    entry: (caseId, actor, body): CaseNote => ({
      id: Bun.randomUUIDv7(),
      caseId,
      at: Date.now(),
      actorId: actor.id,
      actorLabel: actor.label,
      body,
    }),
    insert: (tx, note) => tx.insert(caseNotes).values(note),
  },
  edited(deps: CaseDeps, actor, after, changes) {
    if (changes.ownerId) tellOwner(deps, actor, after.id, after.title, after.owner?.id ?? null);
  },
});

/** Edits a case (title, description, owner) against the version read; audited. A new owner is told. */
export const updateCase = caseService.update;

/** Moves a case along its workflow (analysts and up); an invalid move is 409. */
export const changeCaseStatus = workflowMove(
  { table: cases, kind: CASE_CHANGES, findView: findCaseView },
  CASE_TRANSITIONS,
  { refusal: (from, to, allowed) => `A case that is ${from} can move to ${allowed}, not to ${to}.` },
);

/** Adds a note (markdown) to a case (analysts and up). */
export const noteOnCase = caseService.note;

/**
 * Merges alerts into a case (analysts and up; 409 when it is closed or escalated); audited
 * on the case, announced on both topics.
 */
export async function mergeAlertsIntoCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  input: z.infer<typeof mergeAlertsSchema>,
  request?: RequestFacts,
): Promise<CaseView> {
  assertCan(actor, "update", "cases");
  assertCan(actor, "update", "alerts");
  const merged = await deps.db.transaction(async (tx) => {
    assertTakesAlerts(await findRow(tx, cases, "case", caseId));
    const added = await addAlertsToCase(tx, actor, caseId, input.alertIds);
    if (added.length === 0) return null;
    const change = {
      actor,
      request,
      id: caseId,
      action: "case.merge",
      changes: { alerts: { before: null, after: added } },
      event: "case.updated",
    };
    await auditChange(tx, CASE_CHANGES, change);
    return change;
  });
  if (merged) {
    announceChange(deps.bus, CASE_CHANGES, merged);
    deps.bus?.publish(ALERT_CHANGES.topic, "alert.updated", { caseId });
  }
  return findCaseView(deps, caseId);
}

/**
 * Soft-deletes a case (admins; its alerts stay in it but may join another case meanwhile),
 * and restores it (with the alerts that did not).
 */
export const { remove: deleteCase, restore: restoreCase } = caseService;
