/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { IncidentPage } from "../../../views/pages/incidents/detail.tsx";
import { type IncidentFilters, incidentsHref } from "../../../views/pages/incidents/filters.ts";
import { IncidentForm, type IncidentFormValues } from "../../../views/pages/incidents/form.tsx";
import { IncidentsPage } from "../../../views/pages/incidents/index.tsx";
import { IncidentRows } from "../../../views/pages/incidents/rows.tsx";
import type { AppDeps } from "../../app.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, type FieldErrors, Validation } from "../../lib/errors.ts";
import { liveRows, redirectAfterPost, renderPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import {
  canRestoreIncidents,
  changeIncidentStatus,
  commentOnIncident,
  commentSchema,
  createIncident,
  deleteIncident,
  getIncident,
  incidentAssignees,
  incidentPatchSchema,
  incidentQuerySchema,
  listIncidents,
  newIncidentSchema,
  restoreIncident,
  statusChangeSchema,
  updateIncident,
} from "../../services/incidents.ts";
import { can } from "../../services/rbac.ts";
import { formErrors, parseForm, readFilters, readForm } from "./forms.ts";
import { fromLocalInput, toLocalInput } from "./zoned-day.ts";

/** Page paths this module serves (they light up in the navigation). */
export const INCIDENTS_PATHS = ["/incidents"];

const NOTICES = new Set(["created", "saved", "deleted", "restored", "moved", "commented"]);

/** The form's values as typed. */
function formValues(form: Record<string, string>): IncidentFormValues {
  return {
    title: form.title ?? "",
    severity: form.severity ?? "",
    category: form.category ?? "",
    assignedTo: form.assignedTo ?? "",
    detectedAt: form.detectedAt ?? "",
    description: form.description ?? "",
    version: form.version ?? "",
  };
}

/** The typed values as service input; a bad detection time is reported with the schema's errors. */
function toInput(values: IncidentFormValues, timeZone: string) {
  const detectedAt = values.detectedAt ? fromLocalInput(values.detectedAt, timeZone) : undefined;
  const more: FieldErrors = detectedAt === null ? { detectedAt: "Enter a date and time." } : {};
  return {
    input: {
      title: values.title,
      severity: values.severity || undefined,
      category: values.category,
      assignedTo: values.assignedTo || null,
      description: values.description,
      ...(detectedAt ? { detectedAt } : {}),
    },
    more,
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
  const svc = { db: deps.database.db, bus: deps.bus };
  const router = new Hono<AppEnv>();

  const list = async (c: Context<AppEnv>) => {
    const view = c.get("view");
    const actor = actorOf(c);
    const { filters, errors } = readFilters(incidentQuerySchema, c.req.query());
    const notice = c.req.query("notice");
    return renderPage(c, {
      title: view.t("incidents.title"),
      content: (
        <IncidentsPage
          view={view}
          filters={filters}
          errors={errors}
          page={await listIncidents(svc, actor, filters)}
          people={await incidentAssignees(svc, actor)}
          canCreate={can(actor, "create", "incidents")}
          canRestore={canRestoreIncidents(actor)}
          notice={notice && NOTICES.has(notice) ? view.t(`incidents.notice.${notice}`) : null}
        />
      ),
    });
  };

  const showForm = async (
    c: Context<AppEnv>,
    form: FormState<IncidentFormValues>,
    target: { action: string; cancel: string; title: string },
    status?: ContentfulStatusCode,
    conflict?: string,
  ) => {
    const people = await incidentAssignees(svc, actorOf(c));
    return renderPage(c, {
      title: target.title,
      status,
      content: (
        <>
          <div class="page-head">
            <div>
              <p class="page-sub">
                <a href="/incidents">{c.get("view").t("incidents.title")}</a>
              </p>
              <h1>{target.title}</h1>
            </div>
          </div>
          <IncidentForm
            view={c.get("view")}
            form={form}
            people={people}
            action={target.action}
            cancel={target.cancel}
            conflict={conflict}
          />
        </>
      ),
    });
  };

  const detail = async (
    c: Context<AppEnv>,
    id: string,
    state: {
      comment?: { value: string; error?: string };
      error?: string;
      status?: ContentfulStatusCode;
    } = {},
  ) => {
    const view = c.get("view");
    const actor = actorOf(c);
    const incident = await getIncident(svc, actor, id);
    const names = Object.fromEntries((await incidentAssignees(svc, actor)).map((p) => [p.id, p.name]));
    const notice = c.req.query("notice");
    return renderPage(c, {
      title: incident.title,
      status: state.status,
      content: (
        <IncidentPage
          view={view}
          incident={incident}
          names={names}
          canEdit={can(actor, "update", "incidents")}
          canDelete={can(actor, "delete", "incidents")}
          comment={state.comment ?? { value: "" }}
          error={state.error ?? null}
          notice={notice && NOTICES.has(notice) ? view.t(`incidents.notice.${notice}`) : null}
        />
      ),
    });
  };

  /** A refused action shows on the incident's page (409 someone was first, 422 bad input); anything else goes on. */
  const refused = (c: Context<AppEnv>, id: string, error: unknown) => {
    if (error instanceof AppError && (error.status === 409 || error.status === 422))
      return detail(c, id, {
        error: error.detail ?? error.title,
        status: error.status as ContentfulStatusCode,
      });
    throw error;
  };

  router.get("/incidents", list);

  router.get("/incidents/rows", (c) => {
    const { filters } = readFilters(incidentQuerySchema, c.req.query());
    return liveRows(c, incidentsHref(filters as IncidentFilters), async () => (
      <IncidentRows
        view={c.get("view")}
        items={(await listIncidents(svc, actorOf(c), filters)).items}
        filters={filters}
      />
    ));
  });

  router.get("/incidents/new", (c) => {
    const view = c.get("view");
    return showForm(
      c,
      emptyForm<IncidentFormValues>({ detectedAt: toLocalInput(Date.now(), view.fmt.timeZone) }),
      {
        action: "/incidents",
        cancel: "/incidents",
        title: view.t("incidents.new"),
      },
    );
  });

  router.post("/incidents", async (c) => {
    const view = c.get("view");
    const values = formValues(await readForm(c));
    try {
      const { input, more } = toInput(values, view.fmt.timeZone);
      const parsed = await parseForm(newIncidentSchema, input, more);
      const incident = await createIncident(svc, actorOf(c), parsed, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/incidents/${incident.id}?notice=created`);
    } catch (error) {
      return showForm(
        c,
        { values, errors: formErrors(error) },
        { action: "/incidents", cancel: "/incidents", title: view.t("incidents.new") },
        422,
      );
    }
  });

  router.get("/incidents/:id", (c) => detail(c, c.req.param("id")));

  router.get("/incidents/:id/edit", async (c) => {
    const view = c.get("view");
    const id = c.req.param("id");
    const i = await getIncident(svc, actorOf(c), id);
    const values: IncidentFormValues = {
      title: i.title,
      severity: i.severity,
      category: i.category,
      assignedTo: i.assignedTo?.id ?? "",
      detectedAt: toLocalInput(i.detectedAt, view.fmt.timeZone),
      description: i.description,
      version: String(i.version),
    };
    return showForm(c, emptyForm(values), {
      action: `/incidents/${id}/edit`,
      cancel: `/incidents/${id}`,
      title: view.t("incidents.editTitle"),
    });
  });

  router.post("/incidents/:id/edit", async (c) => {
    const view = c.get("view");
    const id = c.req.param("id");
    const values = formValues(await readForm(c));
    const target = {
      action: `/incidents/${id}/edit`,
      cancel: `/incidents/${id}`,
      title: view.t("incidents.editTitle"),
    };
    try {
      const { input, more } = toInput(values, view.fmt.timeZone);
      const patch = await parseForm(
        incidentPatchSchema,
        { ...input, version: Number(values.version) || undefined },
        more,
      );
      await updateIncident(svc, actorOf(c), id, patch, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/incidents/${id}?notice=saved`);
    } catch (error) {
      if (error instanceof AppError && error.status === 409) {
        // Keep what was typed; the message says the incident changed and how to go on.
        return showForm(c, { values, errors: {} }, target, 409, error.detail);
      }
      return showForm(c, { values, errors: formErrors(error) }, target, 422);
    }
  });

  router.post("/incidents/:id/status", async (c) => {
    const id = c.req.param("id");
    const form = await readForm(c);
    try {
      const change = await parseForm(statusChangeSchema, {
        status: form.status,
        version: Number(form.version) || undefined,
      });
      await changeIncidentStatus(svc, actorOf(c), id, change, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/incidents/${id}?notice=moved`);
    } catch (error) {
      return refused(c, id, error);
    }
  });

  router.post("/incidents/:id/comments", async (c) => {
    const id = c.req.param("id");
    const form = await readForm(c);
    try {
      const input = await parseForm(commentSchema, { body: form.body ?? "" });
      await commentOnIncident(svc, actorOf(c), id, input, requestFacts(c, deps.config));
      return redirectAfterPost(c, `/incidents/${id}?notice=commented#timeline-title`);
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      return detail(c, id, {
        comment: { value: form.body ?? "", error: formErrors(error).body },
        status: 422,
      });
    }
  });

  router.post("/incidents/:id/delete", async (c) => {
    await deleteIncident(svc, actorOf(c), c.req.param("id"), requestFacts(c, deps.config));
    return redirectAfterPost(c, "/incidents?notice=deleted");
  });

  router.post("/incidents/:id/restore", async (c) => {
    const id = c.req.param("id");
    await restoreIncident(svc, actorOf(c), id, requestFacts(c, deps.config));
    return redirectAfterPost(c, `/incidents/${id}?notice=restored`);
  });

  return router;
}
