/** @jsxImportSource hono/jsx */

import type { WindowList } from "../../../src/desktop/x11.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { DesktopWindows, WindowNotices, type WindowPaths } from "./window-table.tsx";

/** The local desktop's links: its own windows page and process page. */
const LOCAL_PATHS: WindowPaths = { base: "/windows", process: (pid) => `/processes?pid=${pid}&q=${pid}` };

/** Props of the windows page. */
export interface WindowsPageProps {
  view: ViewContext;
  list: WindowList;
  /** Whether the viewer may focus, minimize and close windows (admins). */
  canControl: boolean;
  /** What was just done, to confirm. */
  done: { action: string; id: string } | null;
  /** Why the last action failed. */
  error: string | null;
  /** The window whose close confirmation is open (the no-JavaScript way). */
  confirmClose: string | null;
}

/**
 * `/windows`: the desktop session's top-level windows (title, class, owner process,
 * desktop, geometry, state); admins focus, minimize or close them. Without a session the
 * page says why, instead of an error.
 */
export function WindowsPage({ view, list, canControl, done, error, confirmClose }: WindowsPageProps) {
  const { t, fmt } = view;
  return (
    <>
      <PageHead
        title={t("windows.title")}
        subClass="num"
        sub={
          list.available
            ? t("windows.count", { count: fmt.number(list.windows.length), display: list.display ?? "" })
            : t("windows.none")
        }
      >
        <a class={buttonClass("secondary")} href="/windows">
          {t("windows.refresh")}
        </a>
      </PageHead>
      <WindowNotices view={view} done={done} error={error} />
      <DesktopWindows
        view={view}
        list={list}
        paths={LOCAL_PATHS}
        canControl={canControl}
        confirmClose={confirmClose}
      />
    </>
  );
}
