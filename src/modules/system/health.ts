import { Hono } from "hono";
import { isMigrated } from "../../db/migrate.ts";
import type { AppDeps } from "../../deps.ts";
import type { AppEnv } from "../../lib/context.ts";

/**
 * Probes for supervisors and load balancers, public and cheap:
 * - GET /healthz  the process is up and serving.
 * - GET /readyz   the database answers and holds exactly the migrations this binary ships (503 otherwise).
 */
export function healthRoutes(deps: AppDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/healthz", (c) => c.json({ status: "ok", version: deps.version }));
  router.get("/readyz", async (c) => {
    const { client } = deps.database;
    const reachable = (await client.execute("SELECT 1").catch(() => null)) !== null;
    const ready = reachable && (await isMigrated(client, deps.migrations));
    c.header("Cache-Control", "no-store");
    const database = reachable ? "ok" : "unreachable";
    const migrations = ready ? "ok" : "pending";
    return c.json(
      { status: ready ? "ready" : "not_ready", checks: { database, migrations } },
      ready ? 200 : 503,
    );
  });
  return router;
}
