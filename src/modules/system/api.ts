import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { getSystemStatus, systemStatusSchema } from "./status.ts";

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
