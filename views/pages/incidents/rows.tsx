/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { IncidentView } from "../../../src/services/incidents.ts";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { type IncidentFilters, incidentsHref } from "./filters.ts";

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
    const filtered = Boolean(filters.q || filters.status || filters.severity || filters.assignedTo);
    return (
      <tr>
        <td colspan={6} class="table-empty" data-testid="incidents-empty">
          {filtered ? t("incidents.emptyFiltered") : t("incidents.empty")}{" "}
          {filtered ? (
            <a
              href={incidentsHref({
                ...filters,
                q: "",
                status: undefined,
                severity: undefined,
                assignedTo: undefined,
              })}
            >
              {t("incidents.clearFilters")}
            </a>
          ) : null}
        </td>
      </tr>
    );
  }
  return (
    <>
      {items.map((i) => (
        <tr id={`incident-${i.id}`}>
          <td>
            <div class="cell-title">
              {filters.deleted === "only" ? (
                <>
                  <span>{i.title}</span>
                  <form method="post" action={`/incidents/${i.id}/restore`}>
                    <button
                      type="submit"
                      class={buttonClass("secondary", true)}
                      data-testid={`restore-${i.id}`}
                    >
                      {t("incidents.restore")}
                    </button>
                  </form>
                </>
              ) : (
                <a href={`/incidents/${i.id}`}>{i.title}</a>
              )}
            </div>
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
