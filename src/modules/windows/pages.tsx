/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { WindowsPage } from "../../../views/pages/windows/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { WINDOW_ACTIONS } from "../../desktop/x11.ts";
import { refusalText } from "../../kit/forms.ts";
import { can } from "../../kit/rbac.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { AppError } from "../../lib/errors.ts";
import { redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { actOnWindow, listDesktopWindows, windowActionSchema, windowIdSchema } from "./service.ts";

/**
 * The desktop windows page (every role that reads windows; actions: admins):
 * - GET  /windows                        the windows, or why there are none;
 *                                        `?close=<id>` opens that close confirmation
 * - POST /windows/:id/focus|minimize|close
 */
export function windowsPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, config: deps.config };
  const router = new Hono<AppEnv>();

  const show = async (c: Context<AppEnv>, state: { error?: string; status?: ContentfulStatusCode } = {}) => {
    const actor = actorOf(c);
    const { done, id, close } = c.req.query();
    const doneAction = windowActionSchema.safeParse({ id, action: done });
    const list = await listDesktopWindows(svc, actor);
    return renderViewPage(c, "windows.title", state.status, (view) => (
      <WindowsPage
        view={view}
        list={list}
        canControl={can(actor, "control", "windows")}
        done={doneAction.success ? doneAction.data : null}
        error={state.error ?? null}
        confirmClose={close ?? null}
      />
    ));
  };

  router.get("/windows", (c) => show(c));

  for (const action of WINDOW_ACTIONS) {
    router.post(`/windows/:id/${action}`, async (c) => {
      const id = windowIdSchema.safeParse({ id: c.req.param("id") });
      try {
        if (!id.success)
          throw new AppError(404, "not_found", "Not found", c.get("view").t("windows.unknown"));
        await actOnWindow(svc, actorOf(c), id.data.id, action, requestFacts(c, deps.config));
        return redirectAfterPost(c, `/windows?done=${action}&id=${id.data.id}`);
      } catch (error) {
        if (!(error instanceof AppError) || error.status === 401 || error.status === 403) throw error;
        const status = error.status as ContentfulStatusCode;
        return show(c, { error: refusalText(error, c.get("view").t), status });
      }
    });
  }
  return router;
}
