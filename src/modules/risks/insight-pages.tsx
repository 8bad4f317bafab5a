/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import { RiskTrendPage } from "../../../views/pages/risks/trend.tsx";
import type { RequestFacts } from "../../kit/audit.ts";
import { parseForm, readFilters, readForm } from "../../kit/forms.ts";
import { mayPost } from "../../kit/page-permission.ts";
import { type Refused, recordPost } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { renderPage } from "../../lib/htmx.tsx";
import { riskPatchSchema } from "./risk-input.ts";
import type { RiskDeps } from "./risk-queries.ts";
import { updateRisk } from "./risk-service.ts";
import { registerTrend, trendQuerySchema } from "./trend.ts";

/**
 * The risk pages that read more than the register (register them before `/risks/:id`):
 * - GET  /risks/trend?period=           the register's levels over time (daily snapshots)
 * - POST /risks/:id/likelihood          apply a likelihood suggestion: `likelihood` against
 *                                       `version` (stale: the usual conflict on the risk's page)
 */
export function riskInsightRoutes(
  router: Hono<AppEnv>,
  svc: RiskDeps,
  facts: (c: Context<AppEnv>) => RequestFacts,
  refused: Refused,
): void {
  router.get("/risks/trend", async (c) => {
    const view = c.get("view");
    const { filters } = readFilters(trendQuerySchema, c.req.query());
    const trend = await registerTrend(svc, actorOf(c), filters.period);
    return renderPage(c, {
      title: view.t("riskTrend.pageTitle"),
      content: <RiskTrendPage view={view} period={trend.period} levels={trend.levels} days={trend.days} />,
    });
  });

  router.post(
    "/risks/:id/likelihood",
    mayPost("update", "risks"),
    recordPost(
      async (c, id) => {
        const form = await readForm(c);
        const patch = await parseForm(riskPatchSchema, {
          currentLikelihood: Number(form.likelihood),
          version: Number(form.version) || undefined,
        });
        return updateRisk(svc, actorOf(c), id, patch, facts(c));
      },
      (id) => `/risks/${id}?notice=applied`,
      refused,
    ),
  );
}
