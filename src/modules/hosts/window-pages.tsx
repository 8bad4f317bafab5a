/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { HostWindowsLive, HostWindowsPage } from "../../../views/pages/hosts/host-windows.tsx";
import { refusalText } from "../../kit/forms.ts";
import { can } from "../../kit/rbac.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import type { ModuleContext } from "../context.ts";
import { WINDOW_ACTIONS, windowActionSchema, windowIdSchema } from "../windows/service.ts";
import { actOnHost } from "./host-actions.ts";
import { hostWindows } from "./host-tables.ts";
import type { HostPageHandler } from "./process-pages.tsx";

/**
 * An agent host's desktop windows (every role that reads windows; admins act when its agent allows):
 * - GET  /hosts/:id/windows                           live list; `?close=<window>` opens that close
 *                                                     confirmation, `?done=<action>&id=<window>` says what was done
 * - GET  /hosts/:id/windows/live                      the list (refresh every 2 s, which keeps the agent sending)
 * - POST /hosts/:id/windows/:window/focus|minimize|close   through the agent, then back to the list
 */
export function hostWindowPages(router: Hono<AppEnv>, ctx: ModuleContext, hostPage: HostPageHandler): void {
  const db = ctx.deps.database.db;
  const gateway = ctx.hosts;
  const hostDeps = { db, gateway };

  const mayAct = (c: Context<AppEnv>, hostId: string) =>
    can(actorOf(c), "control", "windows") && gateway.allows(hostId, "window.action");

  /** The page, with what the last action did or why it failed. */
  const page = (error: string | null = null) =>
    hostPage("/windows", async (c, host) => {
      const { done, id, close } = c.req.query();
      const doneAction = windowActionSchema.safeParse({ id, action: done });
      return (
        <HostWindowsPage
          view={c.get("view")}
          host={host}
          list={await hostWindows(hostDeps, actorOf(c), host.id)}
          canControl={mayAct(c, host.id)}
          confirmClose={close ?? null}
          done={doneAction.success ? doneAction.data : null}
          error={error}
        />
      );
    });

  router.get("/hosts/:id/windows", (c) => page()(c));

  router.get("/hosts/:id/windows/live", async (c) => {
    const hostId = c.req.param("id");
    const list = await hostWindows(hostDeps, actorOf(c), hostId);
    return c.html(
      <HostWindowsLive
        view={c.get("view")}
        hostId={hostId}
        list={list}
        canControl={mayAct(c, hostId)}
        confirmClose={null}
      />,
    );
  });

  for (const action of WINDOW_ACTIONS)
    router.post(`/hosts/:id/windows/:window/${action}`, async (c) => {
      const hostId = c.req.param("id");
      const { t } = c.get("view");
      try {
        const window = windowIdSchema.safeParse({ id: c.req.param("window") });
        if (!window.success) throw new AppError(404, "not_found", "Not found", t("windows.unknown"));
        const params = { window: window.data.id, action };
        const facts = requestFacts(c, ctx.deps.config);
        await actOnHost(hostDeps, actorOf(c), hostId, "window.action", params, facts);
        return redirectAfterPost(c, `/hosts/${hostId}/windows?done=${action}&id=${window.data.id}`);
      } catch (error) {
        // Refusals (the agent's config, no desktop, offline, too old …): the page says why, nothing else changes.
        if (!(error instanceof AppError) || error.status === 401) throw error;
        if (error.status === 403 && !can(actorOf(c), "control", "windows")) throw error;
        c.status(error.status as ContentfulStatusCode);
        return page(refusalText(error, t))(c);
      }
    });
}
