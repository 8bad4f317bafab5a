/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { DashboardPage } from "../../../views/pages/dashboard/index.tsx";
import type { AppDeps } from "../../app.ts";
import type { AppEnv } from "../../lib/context.ts";
import { renderPage } from "../../lib/htmx.tsx";
import { getSystemStatus } from "../../services/system-status.ts";

/** Page paths this module serves (they light up in the navigation). */
export const DASHBOARD_PATHS = ["/"];

/**
 * Dashboard pages:
 * - GET /  the dashboard.
 */
export function dashboardPages(deps: AppDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/", async (c) => {
    const status = await getSystemStatus(deps);
    const view = c.get("view");
    return renderPage(c, {
      title: view.t("dashboard.title"),
      content: <DashboardPage view={view} status={status} snapshot={deps.metrics.snapshot()} />,
    });
  });
  return router;
}
