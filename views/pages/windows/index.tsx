/** @jsxImportSource hono/jsx */

import type { DesktopWindow, WindowList } from "../../../src/desktop/x11.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

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

function WindowActions({
  view,
  window: w,
  open,
}: {
  view: ViewContext;
  window: DesktopWindow;
  open: boolean;
}) {
  const { t } = view;
  const title = w.title || t("windows.untitled");
  return (
    <div class="row-actions">
      {(["focus", "minimize"] as const).map((action) => (
        <form method="post" action={`/windows/${w.id}/${action}`}>
          <button type="submit" class={buttonClass("secondary", true)}>
            {t(`windows.action.${action}`)}
          </button>
        </form>
      ))}
      <ConfirmAction
        view={view}
        id={`close-${w.id}`}
        action={`/windows/${w.id}/close`}
        trigger={t("windows.action.close")}
        triggerHref={`/windows?close=${w.id}`}
        cancelHref="/windows"
        title={t("windows.close.title", { title })}
        body={t("windows.close.body")}
        confirm={t("windows.close.confirm")}
        open={open}
        testid={`close-${w.id}`}
      />
    </div>
  );
}

/** Why there is nothing to show, said plainly, with what would fix it. */
function Unavailable({ view, list }: { view: ViewContext; list: WindowList }) {
  const { t } = view;
  const reason = list.reason ?? "";
  const hint =
    reason === "no desktop session"
      ? t("windows.hint.noSession")
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
      {done ? (
        <Message view={view} kind="success" testid="window-done">
          {t(`windows.done.${done.action}`, { id: done.id })}
        </Message>
      ) : null}
      {error ? (
        <Message view={view} kind="error" testid="window-error">
          {error}
        </Message>
      ) : null}
      {list.available && list.missing.length > 0 ? (
        <p class="muted">{t("windows.partial", { tools: list.missing.join(", ") })}</p>
      ) : null}
      {!list.available ? (
        <Unavailable view={view} list={list} />
      ) : (
        <div class="fits-narrow">
          <DataTable
            label={t("windows.title")}
            testid="windows-table"
            rowCount={list.windows.length}
            empty={<p>{t("windows.empty")}</p>}
            columns={columnsOf(view, "windows.col", [
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
                  <div class="cell-title">
                    {w.title || <span class="muted">{t("windows.untitled")}</span>}
                  </div>
                  <div class="cell-sub mono">
                    {w.id}
                    {w.class ? ` · ${w.class}` : ""}
                  </div>
                </td>
                <td class="nowrap col-opt">
                  {w.pid === null ? (
                    <span class="muted">{t("windows.noPid")}</span>
                  ) : (
                    <a href={`/processes?pid=${w.pid}&q=${w.pid}`} class="num">
                      {w.pid}
                    </a>
                  )}
                </td>
                <td class="is-num col-opt">
                  {w.desktop === null ? t("windows.allDesktops") : w.desktop + 1}
                </td>
                <td class="mono nowrap col-opt">
                  {w.geometry.width}×{w.geometry.height} @ {w.geometry.x},{w.geometry.y}
                </td>
                <td class="col-opt">
                  {w.state.length === 0 ? (
                    <span class="muted">{t("windows.normal")}</span>
                  ) : (
                    w.state.join(", ")
                  )}
                </td>
                {canControl ? (
                  <td>
                    <WindowActions view={view} window={w} open={confirmClose === w.id} />
                  </td>
                ) : null}
              </tr>
            ))}
          </DataTable>
        </div>
      )}
    </>
  );
}
