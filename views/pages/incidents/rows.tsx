/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { IncidentView } from "../../../src/modules/incidents/queries.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { type IncidentFilters, incidentUrls } from "./filters.ts";
import { INCIDENT } from "./kind.ts";

/** The incident table's rows (also the body of each live refresh). */
export function IncidentRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: IncidentView[];
  filters: IncidentFilters;
}) {
  const { t } = view;
  if (items.length === 0) {
    return (
      <EmptyRow
        view={view}
        kind={INCIDENT}
        columns={6}
        filtered={incidentUrls.filtered(filters)}
        clearHref={incidentUrls.cleared(filters)}
      />
    );
  }
  return (
    <>
      {items.map((i) => (
        <tr id={`incident-${i.id}`}>
          <td>
            <RestorableTitle
              view={view}
              kind={INCIDENT}
              id={i.id}
              title={i.title}
              deleted={filters.deleted === "only"}
            />
            {i.category ? <div class="cell-sub">{i.category}</div> : null}
          </td>
          <td>
            <SeverityBadge view={view} severity={i.severity} />
          </td>
          <td class="nowrap">
            <span class={`status status-${i.status}`}>{t(`incidents.status.${i.status}`)}</span>
          </td>
          <td class="nowrap">
            {i.assignedTo ? i.assignedTo.name : <span class="muted">{t("incidents.unassigned")}</span>}
          </td>
          <td class="nowrap">
            <RelativeTime view={view} ms={i.detectedAt} />
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={i.updatedAt} />
          </td>
        </tr>
      ))}
    </>
  );
}
