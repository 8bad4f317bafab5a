/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { AUDIT_FILTERS, type AuditFilters, AuditLogPage } from "../../../views/pages/audit/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { auditQuerySchema, listAudit } from "../../kit/audit.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { endOfDay, startOfDay } from "../../kit/zoned-day.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { renderViewPage } from "../../lib/htmx.tsx";
import type { Translate } from "../../lib/i18n.ts";
import { fieldErrorMap, fieldErrors } from "../../lib/validation.ts";
import { listUsers } from "../users/service.ts";

/**
 * The audit log (admin; the service refuses everyone else with 403):
 * - GET /audit   filters `actor`, `action`, `resourceType`, `from`, `to` (days) and `page` in
 *                the query; newest first
 */
export function auditPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();

  router.get("/audit", async (c) => {
    const view = c.get("view");
    const actor = actorOf(c);
    const raw = c.req.query();
    const filters = Object.fromEntries(
      AUDIT_FILTERS.map((name) => [name, (raw[name] ?? "").trim()]),
    ) as AuditFilters;
    const { query, errors } = auditQuery(filters, raw.page, view.fmt.timeZone, view.t);
    const results = await listAudit(svc.db, actor, query);
    const actors = (await listUsers(svc, actor)).map((user) => ({ id: user.id, label: user.username }));
    const status = Object.keys(errors).length > 0 ? 422 : undefined;
    return renderViewPage(c, "audit.title", status, (view) => (
      <AuditLogPage view={view} filters={filters} errors={errors} actors={actors} results={results} />
    ));
  });

  return router;
}

/**
 * The service's query for the filters in the URL. Days become instants in the viewer's
 * time zone (`to` includes its whole day). A filter that cannot be used is reported and
 * left out, so the page still lists what the other filters select.
 */
function auditQuery(filters: AuditFilters, page: string | undefined, timeZone: string, t: Translate) {
  const input: Record<string, unknown> = {
    actor: filters.actor || undefined,
    action: filters.action || undefined,
    resourceType: filters.resourceType || undefined,
    from: filters.from ? (startOfDay(filters.from, timeZone) ?? "invalid") : undefined,
    to: filters.to ? (endOfDay(filters.to, timeZone) ?? "invalid") : undefined,
    page: page || undefined,
  };
  const errors = fieldErrorMap();
  const first = auditQuerySchema.safeParse(input);
  if (first.success) return { query: first.data, errors };
  for (const [field, message] of Object.entries(fieldErrors(first.error))) {
    errors[field] = field === "from" || field === "to" ? t("audit.filter.badDate") : message;
    delete input[field];
  }
  delete errors.page;
  return { query: auditQuerySchema.parse(input), errors };
}
