import type { Hono } from "hono";
import { THREAT_DETAIL } from "../../../views/pages/threats/detail.tsx";
import { THREAT_FORM } from "../../../views/pages/threats/form.tsx";
import { THREAT_TABLE } from "../../../views/pages/threats/table.tsx";
import type { AppDeps } from "../../deps.ts";
import { can } from "../../kit/rbac.ts";
import type { RecordEventDeps } from "../../kit/record-events.ts";
import { recordForm } from "../../kit/record-form-routes.tsx";
import { recordPages } from "../../kit/record-module-pages.ts";
import type { AppEnv } from "../../lib/context.ts";
import { catalogPages } from "./catalog-pages.tsx";
import { THREAT_KIND } from "./kind.ts";
import { namedTechniquesRoutes } from "./named-pages.tsx";
import { newThreatSchema, threatPatchSchema, threatQuerySchema } from "./threat-input.ts";
import { getThreat, listThreats } from "./threat-queries.ts";
import { createThreat, deleteThreat, restoreThreat, updateThreat } from "./threat-service.ts";

/**
 * The threat pages (read: every role; write: analysts and up; delete/restore and import: admins):
 * - GET  /threats, /threats/rows     the organisation's threats (filters, sort, pages in the URL; `?deleted=only` for admins)
 * - GET  /threats/new, POST /threats record one
 * - GET  /threats/matrix|techniques/:attack|import, POST /threats/import[/apply]   the ATT&CK catalog (catalog-pages.tsx)
 * - POST /threats/named/:kind/:id    set the techniques an alert, incident or vulnerability names (named-pages.tsx)
 * - GET  /threats/:id, GET|POST /threats/:id/edit, POST /threats/:id/delete|restore
 */
export function threatsPages(deps: AppDeps): Hono<AppEnv> {
  const svc: RecordEventDeps = { db: deps.database.db, bus: deps.bus };
  return recordPages(deps, {
    kind: THREAT_KIND,
    svc,
    list: {
      schema: threatQuerySchema,
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
