import { z } from "zod";
import { type WsMethods, wsMethod } from "../../realtime/ws-method.ts";
import { actOnWindow, listDesktopWindows, type WindowDeps, windowActionSchema } from "./service.ts";

/** The WebSocket's window methods: the same params schemas and service calls as the REST routes. */
export function windowsWsMethods(deps: WindowDeps): WsMethods {
  return {
    "windows.list": wsMethod({ action: "read", resource: "windows" }, z.object({}).optional(), (actor) =>
      listDesktopWindows(deps, actor),
    ),
    "window.action": wsMethod(
      { action: "control", resource: "windows" },
      windowActionSchema,
      (actor, p, request) => actOnWindow(deps, actor, p.id, p.action, request),
    ),
  };
}
