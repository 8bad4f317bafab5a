import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import {
  type DesktopEnv,
  DesktopUnavailable,
  listWindows,
  WINDOW_ACTIONS,
  type WindowAction,
  type WindowList,
  WindowNotFound,
  windowAction,
} from "../../desktop/x11.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import type { CoreDeps } from "../../kit/core-deps.ts";
import { assertCan } from "../../kit/rbac.ts";
import { Conflict, NotFound } from "../../lib/errors.ts";

/** What window services need. */
export type WindowDeps = Pick<CoreDeps, "db" | "config">;

/** A window id in a path (the hex form wmctrl prints). */
export const windowIdSchema = z.object({
  id: z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,8}$/, "A window id is 0x followed by up to 8 hex digits.")
    .transform((id) => `0x${id.slice(2).toLowerCase().padStart(8, "0")}`),
});

/** Params of the WebSocket `window.action` method. */
export const windowActionSchema = windowIdSchema.extend({ action: z.enum(WINDOW_ACTIONS) });

/**
 * The desktop tools run with only the session's variables and a fixed system PATH, so
 * neither Warden's own environment nor a writable directory on its PATH decides which
 * binary runs.
 */
const TOOL_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function desktopEnv(config: ConfigSource): DesktopEnv {
  const { display, xauthority } = config.get().desktop;
  // A UTF-8 locale, or wmctrl prints titles it cannot convert as "N/A".
  return {
    DISPLAY: display ?? undefined,
    XAUTHORITY: xauthority ?? undefined,
    PATH: TOOL_PATH,
    LANG: "C.UTF-8",
  };
}

/**
 * The top-level windows of the desktop `config` names; unavailable with a reason, never an
 * error. What the local windows page lists, and what `warden agent` sends its hub.
 */
export function readDesktopWindows(config: ConfigSource): Promise<WindowList> {
  return listWindows(desktopEnv(config));
}

/** The desktop session's top-level windows (every role that reads windows); unavailable with a reason, never an error. */
export async function listDesktopWindows(deps: WindowDeps, actor: Actor): Promise<WindowList> {
  assertCan(actor, "read", "windows");
  return readDesktopWindows(deps.config);
}

/**
 * Focuses, minimizes or closes window `id` of the desktop `config` names; returns its title
 * before (null when it was not listed). Shared by the local action and `warden agent`.
 * @throws NotFound (no such window), Conflict (no desktop session), 502 (the tool failed).
 */
export async function performWindowAction(
  config: ConfigSource,
  id: string,
  action: WindowAction,
): Promise<{ title: string | null }> {
  const env = desktopEnv(config);
  const title = (await listWindows(env)).windows.find((w) => w.id === id)?.title ?? null;
  try {
    await windowAction(id, action, env);
  } catch (error) {
    if (error instanceof WindowNotFound) throw new NotFound(`No window ${id} on this desktop.`);
    if (error instanceof DesktopUnavailable)
      throw new Conflict(`The desktop is not available: ${error.reason}.`);
    throw error;
  }
  return { title };
}

/** Focuses, minimizes or closes a window (admins); audited. */
export async function actOnWindow(
  deps: WindowDeps,
  actor: Actor,
  id: string,
  action: WindowAction,
  request?: RequestFacts,
): Promise<{ id: string; action: WindowAction }> {
  assertCan(actor, "control", "windows");
  const { title } = await performWindowAction(deps.config, id, action);
  await recordAudit(deps.db, {
    actor,
    action: `window.${action}`,
    resourceType: "window",
    resourceId: id,
    changes: { title: { before: title, after: action === "close" ? null : title } },
    request,
  });
  return { id, action };
}
