/** @jsxImportSource hono/jsx */
import type { Hono } from "hono";
import { THREAT_DETAIL } from "../../../views/pages/threats/detail.tsx";
import { THREAT_FORM } from "../../../views/pages/threats/form.tsx";
import { RecordTechniques } from "../../../views/pages/threats/record-techniques.tsx";
import { THREAT_TABLE } from "../../../views/pages/threats/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { formErrors, parseForm, readForm, refusalText } from "../../kit/forms.ts";
import { assertCan, can } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError, NotFound } from "../../lib/errors.ts";
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
 * vulnerability's page sets the techniques the record names, against the record's version
 * the page showed (the kind's own service checks the permission, the record and the
 * version). Done: back to the record's page. Refused: the panel again with what was typed
 * and the error (422: unknown ids) or, when the record changed since (409), the conflict —
 * alone for htmx, which swaps it in place, else on a page of its own.
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
    const form = await readForm(c);
    const value = form.techniques ?? "";
    const version = Number(form.version) || undefined;
    try {
      const change = await parseForm(techniqueSetSchema, { techniques: techniqueList(value), version });
      await of.set(db, actor, id, change, requestFacts(c, deps.config));
      return redirectAfterPost(c, `${of.page}${id}`);
    } catch (error) {
      const t = c.get("view").t;
      const stale = error instanceof AppError && error.status === 409;
      const panel = (
        <RecordTechniques
          view={c.get("view")}
          kind={kind}
          record={{ id, version, techniques: await techniquesOf(db, kind, id) }}
          canEdit
          value={value}
          error={stale ? undefined : Object.values(formErrors(error, t))[0]}
          conflict={stale ? refusalText(error, t) : undefined}
        />
      );
      const status = stale ? 409 : 422;
      if (isHtmx(c)) return c.html(panel, status);
      return renderPage(c, {
        title: t("threats.field.techniques"),
        status,
        content: (
          <>
            <p>
              <a href={`${of.page}${id}`}>{t("threats.named.back")}</a>
            </p>
            {panel}
          </>
        ),
      });
    }
  });
}
