/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { IncidentPage } from "../../../views/pages/incidents/detail.tsx";
import { IncidentForm, type IncidentFormValues } from "../../../views/pages/incidents/form.tsx";
import { IncidentsPage } from "../../../views/pages/incidents/index.tsx";
import { INCIDENT_TABLE } from "../../../views/pages/incidents/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { localTimeField, readForm, typedValues } from "../../kit/forms.ts";
import { recordActions, recordForm, recordPages } from "../../kit/record-module-pages.ts";
import { toLocalInput } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { fieldErrors } from "../../lib/validation.ts";
import { INCIDENT } from "./kind.ts";
import { linkChoices, linkSchema, setIncidentLink } from "./links.ts";
import {
  getIncident,
  incidentAssignees,
  incidentDeps,
  incidentQuerySchema,
  listIncidents,
} from "./queries.ts";
import * as service from "./service.ts";

/** The form's values as typed. */
function formValues(form: Record<string, string>): IncidentFormValues {
  return typedValues(form, [
    "title",
    "severity",
    "category",
    "assignedTo",
    "detectedAt",
    "description",
    "version",
  ]);
}

/** The typed values as service input; a bad detection time is reported with the schema's errors. */
function toInput(values: IncidentFormValues, timeZone: string) {
  const detectedAt = localTimeField("detectedAt", values.detectedAt, timeZone);
  return {
    input: {
      title: values.title,
      severity: values.severity || undefined,
      category: values.category,
      assignedTo: values.assignedTo || null,
      description: values.description,
      ...detectedAt.input,
    },
    more: detectedAt.more,
  };
}

/**
 * The incident pages (read: every role; write: analysts and up; delete/restore: admins):
 * - GET  /incidents                  the list (filters, sort, pages in the URL)
 * - GET  /incidents/rows             its rows, for a live refresh (htmx)
 * - GET  /incidents/new, POST /incidents              open one
 * - GET  /incidents/:id                               an incident and its timeline
 * - GET  /incidents/:id/edit, POST /incidents/:id/edit edit against the version shown
 * - POST /incidents/:id/status|comments|delete|restore
 */
export function incidentsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = incidentDeps(deps);
  return recordPages(deps, {
    kind: INCIDENT,
    svc,
    list: {
      schema: incidentQuerySchema,
      run: listIncidents,
      table: INCIDENT_TABLE,
      page: IncidentsPage,
      props: async (actor) => ({ people: await incidentAssignees(svc, actor) }),
    },
    detail: {
      get: getIncident,
      title: (incident) => incident.title,
      content: async (c, incident, page, state) => {
        const actor = actorOf(c);
        const names = Object.fromEntries((await incidentAssignees(svc, actor)).map((p) => [p.id, p.name]));
        return (
          <IncidentPage
            {...page}
            incident={incident}
            names={names}
            choices={page.canEdit ? await linkChoices(svc, actor) : null}
            comment={state.note ?? { value: "" }}
          />
        );
      },
    },
    form: recordForm({
      read: async (c) => ({ values: formValues(await readForm(c)) }),
      blank: (c) => ({ values: { detectedAt: toLocalInput(Date.now(), c.get("view").fmt.timeZone) } }),
      load: getIncident,
      current: (c, i) => ({
        values: {
          title: i.title,
          severity: i.severity,
          category: i.category,
          assignedTo: i.assignedTo?.id ?? "",
          detectedAt: toLocalInput(i.detectedAt, c.get("view").fmt.timeZone),
          description: i.description,
          version: String(i.version),
        },
      }),
      input: (c, { values }) => toInput(values, c.get("view").fmt.timeZone),
      create: { schema: service.newIncidentSchema, run: service.createIncident },
      update: { schema: service.incidentPatchSchema, run: service.updateIncident },
      form: async (c, { state }) => (
        <IncidentForm {...state} people={await incidentAssignees(svc, actorOf(c))} />
      ),
    }),
    actions: recordActions({
      status: {
        schema: service.statusChangeSchema,
        change: service.changeIncidentStatus,
        // Unticked, the "close its alerts too" box sends nothing: `alertChoice` says it was offered.
        more: (form) => ({ closeAlerts: form.alertChoice ? form.closeAlerts === "on" : undefined }),
      },
      note: {
        path: "comments",
        schema: service.commentSchema,
        change: service.commentOnIncident,
        notice: "commented",
        anchor: "timeline-title",
      },
    }),
    remove: service.deleteIncident,
    restore: service.restoreIncident,
    routes: ({ post }) => {
      for (const [action, linked] of [
        ["links", true],
        ["links/remove", false],
      ] as const)
        post(
          action,
          (_c, form) => {
            const parsed = linkSchema.safeParse({ kind: form.kind, targetId: form.targetId ?? "" });
            if (parsed.success) return parsed.data;
            // Shown on the incident's page: the first problem, in words.
            const fields = fieldErrors(parsed.error);
            throw new Validation(fields, Object.values(fields)[0]);
          },
          (svc, actor, id, link, request) => setIncidentLink(svc, actor, id, link, linked, request),
          (id) => `/incidents/${id}?notice=${linked ? "linked" : "unlinked"}`,
        );
    },
  });
}
