import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { auditQuerySchema, listAudit } from "../../kit/audit.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";

const entrySchema = z.object({
  id: z.string(),
  at: z.number().int(),
  actorType: z.enum(["user", "token", "system"]),
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
  return new ApiRouter("/audit", "Audit").get(
    "/",
    {
      summary: "List audit entries",
      permission: { action: "read", resource: "audit" },
      query: auditQuerySchema,
      responses: {
        200: {
          description: "A page of entries",
          schema: z.object({
            items: z.array(entrySchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
    },
    async (c, { query }) => c.json(await listAudit(deps.database.db, actorOf(c), query)),
  );
}
