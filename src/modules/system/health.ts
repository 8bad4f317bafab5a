import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import type { AppEnv } from "../../lib/context.ts";
import { checkReadiness } from "./status.ts";

/**
 * Probes for supervisors and load balancers, public and cheap:
 * - GET /healthz  the process is up and serving.
 * - GET /readyz   the database answers and is fully migrated (503 otherwise).
 */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));
  router.get("/readyz", async (c) => {
    const checks = await checkReadiness(deps.database.client, deps.migrations);
    const ready = checks.database && checks.migrated;
    c.header("Cache-Control", "no-store");
    const database = checks.database ? "ok" : "unreachable";
    const migrations = checks.migrated ? "ok" : "pending";
    return c.json(
      { status: ready ? "ready" : "not_ready", checks: { database, migrations } },
      ready ? 200 : 503,
    );
  });
  return router;
}
