import { z } from "zod";
import { ACTOR_TYPES } from "../../db/schema/audit-log.ts";
import type { AppDeps } from "../../deps.ts";
import { auditQuerySchema, listAudit } from "../../kit/audit.ts";
import { pageOf } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";

const entrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  actorType: z.enum(ACTOR_TYPES),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
});

/**
 * The audit log (admin, read-only: there is no way to change or delete entries):
 * - GET /api/v1/audit   filter by actor, action, resource, time; paginated, newest first
 */
export function auditApi(deps: AppDeps): ApiRouter {
  const svc = deps.database.db;
  return new ResourceRouter("/audit", "Audit", { svc, resource: "audit", config: deps.config }).read(
    "/",
    {
      summary: "List audit entries",
      query: auditQuerySchema,
      ok: { description: "A page of entries", schema: pageOf(entrySchema) },
    },
    (db, actor, { query }) => listAudit(db, actor, query),
  );
}
