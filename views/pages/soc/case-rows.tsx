/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { CaseQuery } from "../../../src/modules/soc/case-input.ts";
import type { CaseView } from "../../../src/modules/soc/cases.ts";
import { EmptyRow } from "../../components/empty-row.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { caseUrls } from "./filters.ts";
import { CASE_KIND } from "./kind.ts";

/** A case's status as a neutral badge. */
export function CaseStatus({ view, status }: { view: ViewContext; status: CaseView["status"] }) {
  return (
    <span class={`status status-${status}`} data-testid="case-status">
      {view.t(`cases.status.${status}`)}
    </span>
  );
}

/** The case table's rows (also the body of each live refresh). */
export function CaseRows({
  view,
  items,
  filters,
}: {
  view: ViewContext;
  items: CaseView[];
  filters: CaseQuery;
}) {
  const { t, fmt } = view;
  if (items.length === 0)
    return (
      <EmptyRow
        view={view}
        kind={CASE_KIND}
        columns={6}
        filtered={caseUrls.filtered(filters)}
        clearHref={caseUrls.cleared(filters)}
      />
    );
  return (
    <>
      {items.map((k) => (
        <tr id={`case-${k.id}`}>
          <td>
            <RestorableTitle
              view={view}
              kind={CASE_KIND}
              id={k.id}
              title={k.title}
              deleted={filters.deleted === "only"}
            />
          </td>
          <td class="nowrap">
            <CaseStatus view={view} status={k.status} />
          </td>
          <td class="nowrap">{k.owner ? k.owner.name : <span class="muted">{t("cases.noOwner")}</span>}</td>
          <td class="is-num num">{fmt.number(k.alertCount)}</td>
          <td class="nowrap">
            <RelativeTime view={view} ms={k.createdAt} />
          </td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={k.updatedAt} />
          </td>
        </tr>
      ))}
    </>
  );
}
