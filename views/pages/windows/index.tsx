/** @jsxImportSource hono/jsx */

import type { WindowList } from "../../../src/desktop/x11.ts";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import {
  DesktopWindows,
  type DesktopWindowsProps,
  WindowNotices,
  type WindowNoticesProps,
  type WindowPaths,
  windowCount,
} from "./window-table.tsx";

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
