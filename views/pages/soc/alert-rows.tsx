/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { AlertQuery } from "../../../src/modules/soc/alert-input.ts";
import type { AlertView } from "../../../src/modules/soc/alert-queries.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { alertUrls } from "./filters.ts";
import { ALERT_KIND } from "./kind.ts";

/** The id of the form the queue's row checkboxes belong to (the bulk actions above the table). */
export const BULK_FORM = "alert-bulk";

/** An alert's status as a neutral badge. */
export function AlertStatus({ view, status }: { view: ViewContext; status: AlertView["status"] }) {
  return (
    <span class={`status status-${status}`} data-testid="alert-status">
      {view.t(`alerts.status.${status}`)}
    </span>
  );
}

/** The alert queue's rows (also the body of each live refresh); `selectable` adds the bulk checkboxes. */
export function AlertRows({
  view,
  items,
  filters,
  selectable,
}: {
  view: ViewContext;
  items: AlertView[];
  filters: AlertQuery;
  selectable: boolean;
}) {
  const { t, fmt } = view;
  if (items.length === 0)
    return (
      <EmptyRow
        view={view}
        kind={ALERT_KIND}
        columns={selectable ? 8 : 7}
        filtered={alertUrls.filtered(filters)}
        clearHref={alertUrls.cleared(filters)}
      />
    );
  return (
    <>
      {items.map((a) => (
        <tr id={`alert-${a.id}`}>
          {selectable ? (
            <td class="col-select">
              <input
                type="checkbox"
                name="alertIds"
                value={a.id}
                form={BULK_FORM}
                aria-label={t("alerts.col.select")}
                data-testid={`select-${a.id}`}
              />
            </td>
          ) : null}
          <td>
            <RestorableTitle
              view={view}
              kind={ALERT_KIND}
              id={a.id}
              title={a.title}
              deleted={filters.deleted === "only"}
            />
            <div class="cell-sub">
              {t(`alerts.source.${a.source}`)}
              {a.dedupKey ? <span class="mono"> · {a.dedupKey}</span> : null}
            </div>
          </td>
          <td>
            <SeverityBadge view={view} severity={a.severity} />
          </td>
          <td class="nowrap">
            <AlertStatus view={view} status={a.status} />
          </td>
          <td class="nowrap mono col-opt">{a.host ?? <span class="muted">—</span>}</td>
          <td class="is-num num" data-testid="alert-count">
            {fmt.number(a.count)}
          </td>
          <td class="nowrap">
            <RelativeTime view={view} ms={a.lastSeen} />
          </td>
          <td class="nowrap col-opt">
            {a.assignedTo ? a.assignedTo.name : <span class="muted">{t("alerts.unassigned")}</span>}
          </td>
        </tr>
      ))}
    </>
  );
}
