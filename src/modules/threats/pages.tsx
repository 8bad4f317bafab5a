/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { THREAT_DETAIL } from "../../../views/pages/threats/detail.tsx";
import { THREAT_FORM } from "../../../views/pages/threats/form.tsx";
import { RecordTechniques } from "../../../views/pages/threats/record-techniques.tsx";
import { THREAT_TABLE } from "../../../views/pages/threats/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm } from "../../kit/forms.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { NotFound } from "../../lib/errors.ts";
import { isHtmx, redirectAfterPost, renderPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { techniqueList } from "../../lib/technique-ids.ts";
import { catalogPages } from "./catalog-pages.tsx";
import { THREAT_KIND } from "./kind.ts";
import { isNamedTechniqueKind, NAMED_KINDS } from "./named-kinds.ts";
import { techniqueSetSchema, techniquesOf } from "./technique-links.ts";
import { newThreatSchema, threatPatchSchema } from "./threat-input.ts";
import { getThreat, listThreats } from "./threat-queries.ts";
import { createThreat, deleteThreat, restoreThreat, updateThreat } from "./threat-service.ts";

/**
 * The threat pages (read: every role; write: analysts and up; delete/restore and import: admins):
 * - GET  /threats, /threats/rows     the organisation's threats (filters, sort, pages in the URL; `?deleted=only` for admins)
 * - GET  /threats/new, POST /threats record one
 * - GET  /threats/matrix|techniques/:attack|import, POST /threats/import[/apply]   the ATT&CK catalog (catalog-pages.tsx)
 * - POST /threats/named/:kind/:id    set the techniques an alert, incident or vulnerability names (below)
 * - GET  /threats/:id, GET|POST /threats/:id/edit, POST /threats/:id/delete|restore
 */
export function threatsPages(deps: AppDeps): Hono<AppEnv> {
  const svc: RecordEventDeps = { db: deps.database.db, bus: deps.bus };
  return recordPages(deps, {
    kind: THREAT_KIND,
    svc,
    list: {
      run: listThreats,
      table: THREAT_TABLE,
      props: async (actor) => ({ canImport: can(actor, "control", "threats") }),
    },
    detail: { get: getThreat, page: THREAT_DETAIL },
    form: recordForm({
      load: getThreat<typeof svc>,
      form: THREAT_FORM,
      editTitle: (c) => c.get("view").t("threats.edit"),
      create: { schema: newThreatSchema, run: createThreat },
      update: { schema: threatPatchSchema, run: updateThreat },
    }),
    remove: deleteThreat,
    restore: restoreThreat,
    routes: ({ router, facts }) => {
      catalogPages(router, svc, facts);
      namedTechniquesRoutes(router, deps);
    },
  });
}

/**
 * `POST /threats/named/:kind/:id`: the techniques panel of an alert's, incident's or
 * vulnerability's page sets the techniques the record names (the kind's own service checks
 * the permission and the record). Done: back to the record's page. Refused (unknown ids):
 * the panel again with the error and what was typed — alone for htmx, which swaps it in
 * place, else on a page of its own.
 */
function namedTechniquesRoutes(router: Hono<AppEnv>, deps: AppDeps): void {
  const db = deps.database.db;
  router.post("/threats/named/:kind/:id", async (c) => {
    const kind = c.req.param("kind");
    const id = c.req.param("id");
    if (!isNamedTechniqueKind(kind)) throw new NotFound(`No record kind ${kind}.`);
    const of = NAMED_KINDS[kind];
    const actor = actorOf(c);
    // Before the form is read: a caller who may not change them learns nothing from its errors.
    assertCan(actor, "update", of.resource);
    const value = (await readForm(c)).techniques ?? "";
    try {
      const { techniques } = await parseForm(techniqueSetSchema, { techniques: techniqueList(value) });
      await of.set(db, actor, id, techniques, requestFacts(c, deps.config));
      return redirectAfterPost(c, `${of.page}${id}`);
    } catch (error) {
      const errors = formErrors(error, c.get("view").t);
      const panel = (
        <RecordTechniques
          view={c.get("view")}
          kind={kind}
          record={{ id, techniques: await techniquesOf(db, kind, id) }}
          canEdit
          value={value}
          error={Object.values(errors)[0]}
        />
      );
      if (isHtmx(c)) return c.html(panel, 422);
      return renderPage(c, {
        title: c.get("view").t("threats.field.techniques"),
        status: 422,
        content: (
          <>
            <p>
              <a href={`${of.page}${id}`}>{c.get("view").t("threats.named.back")}</a>
            </p>
            {panel}
          </>
        ),
      });
    }
  });
}
