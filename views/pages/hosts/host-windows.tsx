/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-detail.ts";
import type { HostWindows } from "../../../src/modules/hosts/host-windows.ts";
import { DesktopWindows, WindowNotices, type WindowPaths } from "../windows/window-table.tsx";
import { HostHead } from "./host-tabs.tsx";

/** The links of an agent host's windows: its windows page and its process page. */
export function hostWindowPaths(hostId: string): WindowPaths {
  const base = `/hosts/${encodeURIComponent(hostId)}/windows`;
  return { base, process: (pid) => `/hosts/${encodeURIComponent(hostId)}/processes?pid=${pid}` };
}

/** Props of the live part of an agent host's windows page. */
export interface HostWindowsLiveProps {
  view: ViewContext;
  hostId: string;
  list: HostWindows;
  /** Whether the viewer may act (an admin, and the agent allows `windows`). */
  canControl: boolean;
  /** The window whose close confirmation is open (the no-JavaScript way). */
  confirmClose: string | null;
}

/**
 * What an agent host's desktop shows now (refreshed every 2 s, which keeps its agent
 * sending): its windows, or why there are none — no desktop on the host, the agent offline,
 * too old to send them, or its first list still on its way.
 */
export function HostWindowsLive({ view, hostId, list, canControl, confirmClose }: HostWindowsLiveProps) {
  const { t, fmt } = view;
  const waiting =
    list.agent === "offline"
      ? "hosts.windows.offline"
      : list.agent === "outdated"
        ? "hosts.windows.outdated"
        : list.at === null
          ? "hosts.windows.waiting"
          : null;
  if (waiting)
    return (
      <div class="empty-state" data-testid="host-windows-waiting">
        <p>{t(waiting)}</p>
      </div>
    );
  return (
    <>
      <p class="muted num" data-testid="host-windows-count">
        {list.available
          ? t("windows.count", { count: fmt.number(list.windows.length), display: list.display ?? "" })
          : t("windows.none")}
      </p>
      <DesktopWindows
        view={view}
        list={list}
        paths={hostWindowPaths(hostId)}
        canControl={canControl}
        confirmClose={confirmClose}
        noSession="hosts.windows.noSession"
      />
    </>
  );
}

/** Props of an agent host's windows page. */
export interface HostWindowsPageProps extends Omit<HostWindowsLiveProps, "hostId"> {
  host: HostDetail;
  /** What the last action did. */
  done: { action: string; id: string } | null;
  /** Why the last action failed (the hub's or the agent's sentence). */
  error: string | null;
}

/**
 * An agent host's desktop windows, live while the page is open, as the local windows page
 * shows them; admins focus, minimize and close them when the host's agent allows it.
 */
export function HostWindowsPage(props: HostWindowsPageProps) {
  const { view, host, canControl, done, error } = props;
  const { t } = view;
  const live = `/hosts/${encodeURIComponent(host.id)}/windows/live`;
  return (
    <>
      <HostHead view={view} host={host} current="windows" />
      <p class="muted" data-testid="windows-note">
        {t(canControl ? "hosts.windows.noteActions" : "hosts.windows.note")}
      </p>
      <WindowNotices view={view} done={done} error={error} />
      <span
        class="live-poller"
        hx-get={live}
        hx-trigger="every 2s"
        hx-target="#host-windows"
        hx-swap="innerMorph"
        hx-sync="#host-windows:replace"
        data-live-pause="#host-windows"
      />
      <div id="host-windows" data-testid="host-windows">
        <HostWindowsLive {...props} hostId={host.id} />
      </div>
    </>
  );
}
