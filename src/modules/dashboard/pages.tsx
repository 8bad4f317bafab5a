/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { HISTORY_RANGES, type HistoryRange } from "../../../views/pages/dashboard/history-panel.tsx";
import { DashboardPage } from "../../../views/pages/dashboard/index.tsx";
import type { AppDeps } from "../../deps.ts";
import type { AppEnv } from "../../lib/context.ts";
import { renderViewPage } from "../../lib/htmx.tsx";
import { getSystemStatus } from "../system/status.ts";

/** The history range asked for in the URL, 24 hours when absent or unknown. */
export function historyRange(value: string | undefined): HistoryRange {
  return (HISTORY_RANGES as readonly string[]).includes(value ?? "") ? (value as HistoryRange) : "24h";
}

/**
 * Dashboard pages:
 * - GET /?history=1h|24h|7d|30d   the dashboard (the history chart's range in the URL)
 */
export function dashboardPages(deps: AppDeps): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/", async (c) => {
    const status = await getSystemStatus(deps);
    return renderViewPage(c, "dashboard.title", undefined, (view) => (
      <DashboardPage
        view={view}
        status={status}
        snapshot={deps.metrics.snapshot()}
        range={historyRange(c.req.query("history"))}
      />
    ));
  });
  return router;
}
