import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { WINDOW_ACTIONS } from "../../desktop/x11.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { actOnWindow, listDesktopWindows, windowIdSchema } from "./service.ts";

const windowSchema = z.object({
  id: z.string().describe('X window id, e.g. "0x00400007"'),
  title: z.string(),
  pid: z.number().int().nullable(),
  class: z.string().nullable().describe('WM_CLASS as "instance.Class"'),
  desktop: z.number().int().nullable().describe("null: shown on every desktop"),
  geometry: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  state: z.array(z.string()).describe('_NET_WM_STATE, e.g. ["hidden"]'),
});

/**
 * Top-level windows of the desktop session (read: every role; actions: admins):
 * - GET  /api/v1/windows                 the windows, or why there are none to show
 * - POST /api/v1/windows/:id/focus|minimize|close
 */
export function windowsApi(deps: AppDeps): ApiRouter {
  const svc = { db: deps.database.db, config: deps.config };
  const router = new ApiRouter("/windows", "Windows").get(
    "/",
    {
      summary: "List the desktop's windows",
      permission: { action: "read", resource: "windows" },
      description:
        'Linux/X11 through wmctrl and xprop on `desktop.display`. Without a session the list is empty with `available: false` and a `reason` ("no desktop session", a missing tool …).',
      responses: {
        200: {
          description: "The windows",
          schema: z.object({
            available: z.boolean(),
            reason: z.string().nullable(),
            missing: z.array(z.string()).describe("Tools not installed"),
            display: z.string().nullable(),
            windows: z.array(windowSchema),
          }),
        },
      },
    },
    async (c) => c.json(await listDesktopWindows(svc, actorOf(c))),
  );
  for (const action of WINDOW_ACTIONS) {
    router.post(
      `/:id/${action}`,
      {
        summary: `${action[0]?.toUpperCase()}${action.slice(1)} a window`,
        permission: { action: "control", resource: "windows" },
        description: "Admins only; audited. 404 for an unknown window, 409 without a desktop session.",
        params: windowIdSchema,
        responses: {
          200: { description: "Done", schema: z.object({ id: z.string(), action: z.enum(WINDOW_ACTIONS) }) },
          409: { description: "No desktop session" },
          502: { description: "The window tool failed" },
        },
      },
      async (c, { params }) =>
        c.json(await actOnWindow(svc, actorOf(c), params.id, action, requestFacts(c, deps.config))),
    );
  }
  return router;
}
