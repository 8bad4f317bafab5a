/** @jsxImportSource hono/jsx */
import type { DesktopWindow, WindowList } from "../../../src/desktop/x11.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

/** Where a windows table's links and forms lead: the local desktop's or an agent host's. */
export interface WindowPaths {
  /** The windows page (`/windows`, `/hosts/:id/windows`); actions post to `<base>/<id>/<action>`. */
  base: string;
  /** The page of the process owning a window. */
  process: (pid: number) => string;
}

function WindowActions({
  view,
  window: w,
  base,
  open,
}: {
  view: ViewContext;
  window: DesktopWindow;
  base: string;
  open: boolean;
}) {
  const { t } = view;
  const title = w.title || t("windows.untitled");
  return (
    <div class="row-actions">
      {(["focus", "minimize"] as const).map((action) => (
        <form method="post" action={`${base}/${w.id}/${action}`}>
          <button type="submit" class={buttonClass("secondary", true)} data-testid={`${action}-${w.id}`}>
            {t(`windows.action.${action}`)}
          </button>
        </form>
      ))}
      <ConfirmAction
        view={view}
        id={`close-${w.id}`}
        action={`${base}/${w.id}/close`}
        trigger={t("windows.action.close")}
        triggerHref={`${base}?close=${w.id}`}
        cancelHref={base}
        title={t("windows.close.title", { title })}
        body={t("windows.close.body")}
        confirm={t("windows.close.confirm")}
        open={open}
        testid={`close-${w.id}`}
      />
    </div>
  );
}

/** Props of the notices of a windows page. */
export interface WindowNoticesProps {
  view: ViewContext;
  /** What the last action did. */
  done: { action: string; id: string } | null;
  /** Why the last action failed (the hub's or the agent's sentence). */
  error: string | null;
}

/** What the last window action did, or why it failed. */
export function WindowNotices({ view, done, error }: WindowNoticesProps) {
  const { t } = view;
  return (
    <>
      {done ? (
        <Message view={view} kind="success" testid="window-done">
          {t(`windows.done.${done.action}`, { id: done.id })}
        </Message>
      ) : null}
      <Message view={view} kind="error" testid="window-error">
        {error}
      </Message>
    </>
  );
}

/** Props of a desktop's windows: its list, what the viewer may do, and where its links lead. */
export interface DesktopWindowsProps {
  view: ViewContext;
  list: Pick<WindowList, "available" | "reason" | "missing" | "windows">;
  paths: WindowPaths;
  canControl: boolean;
  /** The window whose close confirmation is open (the no-JavaScript way). */
  confirmClose: string | null;
  /** The hint (a translation key) for a desktop without a session: a host started without a display. */
  noSession?: string;
}

/** How many windows a desktop shows, on which display; or that it shows none. */
export function windowCount(
  { t, fmt }: ViewContext,
  list: Pick<WindowList, "available" | "windows" | "display">,
) {
  return list.available
    ? t.plural("windows.count", list.windows.length, {
        count: fmt.number(list.windows.length),
        display: list.display ?? "",
      })
    : t("windows.none");
}

/**
 * A desktop's top-level windows (title, class, owner process, desktop, geometry, state),
 * with focus, minimize and a confirmed close for those who may (`canControl`) and a note of
 * the tools missing for some details; or why there are none to show, said plainly, with what
 * would fix it. The local windows page's and an agent host's.
 */
export function DesktopWindows({
  view,
  list,
  paths,
  canControl,
  confirmClose,
  noSession = "windows.hint.noSession",
}: DesktopWindowsProps) {
  const { t } = view;
  if (!list.available) {
    const reason = list.reason ?? "";
    const hint =
      reason === "no desktop session"
        ? t(noSession)
        : list.missing.includes("wmctrl")
          ? t("windows.hint.missing", { tools: list.missing.join(", ") })
          : t("windows.hint.unreachable");
    return (
      <div class="empty-state" data-testid="windows-unavailable">
        <p>
          <strong>{reason.charAt(0).toUpperCase() + reason.slice(1)}.</strong> {hint}
        </p>
      </div>
    );
  }
  return (
    <>
      {list.missing.length > 0 ? (
        <p class="muted">{t("windows.partial", { tools: list.missing.join(", ") })}</p>
      ) : null}
      <div class="fits-narrow">
        <DataTable
          {...namedTable(view, "windows", list.windows.length, [
            "title",
            { name: "process", className: "col-opt" },
            { name: "desktop", numeric: true, className: "col-opt" },
            { name: "geometry", className: "col-opt" },
            { name: "state", className: "col-opt" },
            ...(canControl ? ["actions"] : []),
          ])}
        >
          {list.windows.map((w) => (
            <tr id={`window-${w.id}`}>
              <td>
                <div class="cell-title">{w.title || <span class="muted">{t("windows.untitled")}</span>}</div>
                <div class="cell-sub mono">
                  {w.id}
                  {w.class ? ` · ${w.class}` : ""}
                </div>
              </td>
              <td class="nowrap col-opt">
                {w.pid === null ? (
                  <span class="muted">{t("windows.noPid")}</span>
                ) : (
                  <a href={paths.process(w.pid)} class="num">
                    {w.pid}
                  </a>
                )}
              </td>
              <td class="is-num col-opt">{w.desktop === null ? t("windows.allDesktops") : w.desktop + 1}</td>
              <td class="mono nowrap col-opt">
                {w.geometry.width}×{w.geometry.height} @ {w.geometry.x},{w.geometry.y}
              </td>
              <td class="col-opt">
                {w.state.length === 0 ? <span class="muted">{t("windows.normal")}</span> : w.state.join(", ")}
              </td>
              {canControl ? (
                <td>
                  <WindowActions view={view} window={w} base={paths.base} open={confirmClose === w.id} />
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      </div>
    </>
  );
}

/** The local desktop's links: its own windows page and process page. */
const LOCAL_PATHS: WindowPaths = { base: "/windows", process: (pid) => `/processes?pid=${pid}&q=${pid}` };

/**
 * `/windows`: the desktop session's top-level windows (title, class, owner process,
 * desktop, geometry, state); admins focus, minimize or close them. Without a session the
 * page says why, instead of an error.
 */
export function WindowsPage(
  props: WindowNoticesProps & Omit<DesktopWindowsProps, "paths" | "noSession"> & { list: WindowList },
) {
  const { view } = props;
  const { t } = view;
  return (
    <>
      <PageHead title={t("windows.title")} subClass="num" sub={windowCount(view, props.list)}>
        <a class={buttonClass("secondary")} href="/windows">
          {t("windows.refresh")}
        </a>
      </PageHead>
      <WindowNotices {...props} />
      <DesktopWindows {...props} paths={LOCAL_PATHS} />
    </>
  );
}
