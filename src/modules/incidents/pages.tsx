import type { Hono } from "hono";
import { INCIDENT_DETAIL } from "../../../views/pages/incidents/detail.tsx";
import { INCIDENT_FORM } from "../../../views/pages/incidents/form.tsx";
import { INCIDENT_TABLE } from "../../../views/pages/incidents/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { activePeopleFor, peopleToChoose } from "../../kit/active-user.ts";
import { can } from "../../kit/rbac.ts";
import { recordActions } from "../../kit/record-action-routes.tsx";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import { toLocalInput } from "../../kit/zoned-day.ts";
import type { AppEnv } from "../../lib/context.ts";
import { Validation } from "../../lib/errors.ts";
import { fieldErrors } from "../../lib/validation.ts";
import { INCIDENT } from "./kind.ts";
import { linkChoices, linkSchema, setIncidentLink } from "./links.ts";
import { getIncident, incidentDeps, listIncidents } from "./queries.ts";
import * as service from "./service.ts";

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
      run: listIncidents,
      table: INCIDENT_TABLE,
      props: async (actor) => ({ people: await activePeopleFor(svc.db, actor, "incidents") }),
    },
    detail: {
      get: getIncident,
      page: INCIDENT_DETAIL,
      props: async (actor) => ({
        names: Object.fromEntries(
          (await activePeopleFor(svc.db, actor, "incidents")).map((p) => [p.id, p.name]),
        ),
        choices: can(actor, "update", "incidents") ? await linkChoices(svc, actor) : null,
      }),
    },
    form: recordForm({
      load: getIncident,
      form: INCIDENT_FORM,
      props: async (actor, incident) => ({
        people: await peopleToChoose(svc.db, actor, "incidents", incident?.assignedTo?.id),
      }),
      blank: (c) => ({ detectedAt: toLocalInput(Date.now(), c.get("view").fmt.timeZone) }),
      create: { schema: service.newIncidentSchema, run: service.createIncident },
      update: { schema: service.incidentPatchSchema, run: service.updateIncident },
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
