import { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { createRecord } from "../../kit/record-create.ts";
import { changeKindOf } from "../../kit/record-events.ts";
import { historyEntry } from "../../kit/record-history.ts";
import * as inputs from "../../kit/record-inputs.ts";
import { moveRecord, workflowMove } from "../../kit/record-move.ts";
import { defineRecordService } from "../../kit/record-service.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { queueWebhookEvent } from "../notifications/outbox.ts";
import { closeAlertsOfIncident } from "./alerts.ts";
import { INCIDENT } from "./kind.ts";
import { findView, type IncidentDeps, type IncidentView } from "./queries.ts";
import { type Incident, type IncidentEvent, incidentEvents, incidents } from "./schema.ts";
import { INCIDENT_SEARCH } from "./search.ts";
import { TRANSITIONS, transitionStamps } from "./workflow.ts";

const category = z.string().trim().max(80, "Use at most 80 characters.");

const when = inputs.pastTimeField("The detection cannot lie in the future.");

const severity = inputs.choiceField(SEVERITIES, "severity");

/** A new incident. */
export const newIncidentSchema = z.object({
  title: inputs.titleField,
  description: inputs.descriptionField.default(""),
  severity,
  category: category.default(""),
  assignedTo: inputs.recordIdField.nullable().default(null).describe("User id of the assignee"),
  detectedAt: when.optional().describe("Unix ms; default now"),
});

/** Changes to an incident; `version` is the one the change was made against. */
export const incidentPatchSchema = z.object({
  version: versionField(),
  title: inputs.titleField.optional(),
  description: inputs.descriptionField.optional(),
  severity: severity.optional(),
  category: category.optional(),
  assignedTo: inputs.recordIdField.nullable().optional(),
  detectedAt: when.optional(),
});

/** A move in the workflow, optionally with a note for the timeline. */
export const statusChangeSchema = inputs.statusMoveSchema(INCIDENT_STATUSES).extend({
  note: z.string().trim().max(10_000).optional(),
  closeAlerts: z
    .boolean()
    .optional()
    .describe("When closing: close the incident's open alerts too (default true)"),
});

/** A comment on the timeline (markdown). */
export { noteSchema as commentSchema } from "../../kit/record-inputs.ts";

function event(
  incidentId: string,
  actor: Actor,
  at: number,
  entry: Pick<IncidentEvent, "kind"> & Partial<Pick<IncidentEvent, "body" | "fromValue" | "toValue">>,
) {
  return historyEntry("incidentId", incidentId, actor, entry, at);
}

const INCIDENT_CHANGES = changeKindOf(INCIDENT, INCIDENT_SEARCH);

/** Incidents as the record kit creates them: the assignee must be an active user. */
const INCIDENT_RECORD = {
  table: incidents,
  kind: INCIDENT_CHANGES,
  findView,
  person: "assignedTo",
} as const;

/** An incident as events name it. */
function incidentRef(incident: { id: string; title: string }) {
  return {
    kind: "incident" as const,
    id: incident.id,
    title: incident.title,
    link: `/incidents/${incident.id}`,
  };
}

/**
 * Opens an incident (analysts and up); the timeline starts with it. Its audit entry and the
 * `incident.created` webhook calls are written in the same transaction.
 */
export async function createIncident(
  deps: IncidentDeps,
  actor: Actor,
  input: z.infer<typeof newIncidentSchema>,
  request?: RequestFacts,
): Promise<IncidentView> {
  const now = Date.now();
  const values = {
    ...input,
    createdBy: actor.id,
    detectedAt: input.detectedAt ?? now,
  };
  return createRecord(INCIDENT_RECORD, deps, actor, values, request, {
    audited: { title: input.title, severity: input.severity, assignedTo: input.assignedTo },
    at: now,
    async also(tx, id) {
      await tx.insert(incidentEvents).values(event(id, actor, now, { kind: "created", toValue: "new" }));
      if (input.assignedTo)
        await tx
          .insert(incidentEvents)
          .values(event(id, actor, now, { kind: "assignment", toValue: input.assignedTo }));
      const ref = incidentRef({ id, title: input.title });
      return queueWebhookEvent(tx, "incident.created", { ...ref, severity: input.severity, by: actor.label });
    },
    committed(id, queued) {
      if (queued > 0) deps.events?.deliveriesQueued();
      if (input.assignedTo)
        deps.events?.assigned(incidentRef({ id, title: input.title }), input.assignedTo, actor);
    },
  });
}

/** Incidents' edit, delete and restore, from the record kit. */
const incidentService = defineRecordService(incidents, INCIDENT_CHANGES, findView, {
  person: "assignedTo",
  longText: "description",
  personChanged: (tx, id, actor, fromValue, toValue) =>
    tx
      .insert(incidentEvents)
      .values(event(id, actor, Date.now(), { kind: "assignment", fromValue, toValue })),
  notes: {
    names: { field: "comment", event: "commented" },
    entry: (id, actor, body) => event(id, actor, Date.now(), { kind: "comment", body }) as IncidentEvent,
    insert: (tx, entry) => tx.insert(incidentEvents).values(entry),
    noted: (deps: IncidentDeps, actor, incident) =>
      deps.events?.commented(incidentRef(incident), [incident.assignedTo, incident.createdBy], actor),
  },
  edited(deps: IncidentDeps, actor, after, changes) {
    if (changes.assignedTo && after.assignedTo)
      deps.events?.assigned(incidentRef(after), after.assignedTo.id, actor);
  },
});

/** Edits an incident's fields (analysts and up) against the version read; audited, a new assignee on the timeline and told. */
export const updateIncident = incidentService.update;

/**
 * An incident's move past the kit's checks: on the timeline, audited and its
 * `incident.status_changed` webhook calls queued in the same transaction; closing it then
 * closes its open alerts too unless `closeAlerts` is false.
 */
async function moveIncident(
  deps: IncidentDeps,
  actor: Actor,
  before: Incident,
  change: z.infer<typeof statusChangeSchema> & { version: number },
  request?: RequestFacts,
): Promise<void> {
  const now = Date.now();
  const queued = await moveRecord({ table: incidents, kind: INCIDENT_CHANGES }, deps, actor, before, {
    status: change.status,
    version: change.version,
    request,
    set: transitionStamps(before, change.status, now),
    async write(tx) {
      await tx.insert(incidentEvents).values(
        event(before.id, actor, now, {
          kind: "status",
          fromValue: before.status,
          toValue: change.status,
          body: change.note ?? "",
        }),
      );
      return queueWebhookEvent(tx, "incident.status_changed", {
        ...incidentRef(before),
        from: before.status,
        to: change.status,
        by: actor.label,
      });
    },
  });
  if (queued) deps.events?.deliveriesQueued();
  if (change.status === "closed" && change.closeAlerts !== false)
    await closeAlertsOfIncident(deps, actor, before.id, request);
}

/**
 * Moves an incident along its workflow (analysts and up); an invalid move is 409; on the
 * timeline, audited and its `incident.status_changed` webhook calls queued in the same
 * transaction. Closing it then closes its open alerts too unless `closeAlerts` is false.
 */
export const changeIncidentStatus = workflowMove(INCIDENT_RECORD, TRANSITIONS, {
  refusal: (from, to, allowed) => `An incident in ${from} can move to ${allowed}, not to ${to}.`,
  versionOptional: true,
  move: moveIncident,
});

/** Adds a comment to the timeline (analysts and up); the assignee and the creator are told. */
export const commentOnIncident = incidentService.note;

/** Soft-deletes an incident (admins; it stays restorable), and restores it. */
export const { remove: deleteIncident, restore: restoreIncident } = incidentService;
