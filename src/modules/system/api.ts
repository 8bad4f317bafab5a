import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { getSystemStatus } from "./status.ts";

/** Status of this Warden instance as the API returns it. */
export const systemStatusSchema = z.object({
  version: z.string(),
  env: z.string(),
  hostName: z.string(),
  pid: z.number().int(),
  runtime: z.string(),
  startedAt: z.number().int().describe("Unix time in ms"),
  uptimeSeconds: z.number().int(),
  database: z.object({
    kind: z.enum(["file", "remote"]),
    location: z.string(),
    sizeBytes: z.number().int().nullable(),
    migrationsApplied: z.number().int(),
    migrationsKnown: z.number().int(),
  }),
});

/**
 * System routes:
 * - GET /api/v1/system/status  version, uptime and database state of this instance.
 */
export function systemApi(deps: AppDeps): ApiRouter {
  return new ResourceRouter("/system", "System", { svc: deps, resource: "system", config: deps.config }).read(
    "/status",
    { summary: "Status of this Warden instance", ok: { description: "Status", schema: systemStatusSchema } },
    (sources) => getSystemStatus(sources),
  );
}
