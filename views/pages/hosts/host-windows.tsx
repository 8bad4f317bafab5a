/** @jsxImportSource hono/jsx */
import type { HostDetail } from "../../../src/modules/hosts/host-reads.ts";
import type { HostWindows } from "../../../src/modules/hosts/protocol.ts";
import { LiveRefresh } from "../../components/live-rows.tsx";
import {
  DesktopWindows,
  type DesktopWindowsProps,
  WindowNotices,
  type WindowNoticesProps,
  type WindowPaths,
  windowCount,
} from "../windows/index.tsx";
import { HostHead } from "./host-tabs.tsx";

/** Props of the live part of an agent host's windows page. */
export interface HostWindowsLiveProps extends Omit<DesktopWindowsProps, "paths" | "noSession"> {
  hostId: string;
  /** The agent's last list; `canControl`: an admin, and the agent allows `windows`. */
  list: HostWindows;
}

/**
 * What an agent host's desktop shows now (refreshed every 2 s, which keeps its agent
 * sending): its windows, or why there are none — no desktop on the host, the agent offline,
 * too old to send them, or its first list still on its way.
 */
export function HostWindowsLive(props: HostWindowsLiveProps) {
  const { view, hostId, list } = props;
  const { t } = view;
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
  const host = `/hosts/${encodeURIComponent(hostId)}`;
  const paths: WindowPaths = { base: `${host}/windows`, process: (pid) => `${host}/processes?pid=${pid}` };
  return (
    <>
      <p class="muted num" data-testid="host-windows-count">
        {windowCount(view, list)}
      </p>
      <DesktopWindows {...props} paths={paths} noSession="hosts.windows.noSession" />
    </>
  );
}

/**
 * An agent host's desktop windows, live while the page is open, as the local windows page
 * shows them; admins focus, minimize and close them when the host's agent allows it.
 */
export function HostWindowsPage(
  props: Omit<HostWindowsLiveProps, "hostId"> & WindowNoticesProps & { host: HostDetail },
) {
  const { view, host, canControl } = props;
  const { t } = view;
  return (
    <>
      <HostHead view={view} host={host} current="windows" />
      <p class="muted" data-testid="windows-note">
        {t(canControl ? "hosts.windows.noteActions" : "hosts.windows.note")}
      </p>
      <WindowNotices {...props} />
      <LiveRefresh
        source={{ rows: `/hosts/${encodeURIComponent(host.id)}/windows/live`, body: "host-windows" }}
        when="every 2s"
        hold="#host-windows"
      />
      <div id="host-windows" data-testid="host-windows">
        <HostWindowsLive {...props} hostId={host.id} />
      </div>
    </>
  );
}
