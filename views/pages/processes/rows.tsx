/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { ListedProcess } from "../../../src/modules/processes/query.ts";
import { TableEmptyRow } from "../../components/data-table.tsx";
import { type ProcessFilters, processesHref, processQueryString } from "./filters.ts";

/**
 * The process table's rows: rendered with the page and again on each live refresh (the
 * refresh morphs them in place, so scroll position and focus stay). A row's name opens
 * the details panel.
 */
export function ProcessRows(props: { view: ViewContext; items: ListedProcess[]; filters: ProcessFilters }) {
  const { view, items, filters } = props;
  const { t, fmt } = view;
  if (items.length === 0) {
    return (
      <TableEmptyRow columns={9} testid="process-table-empty">
        {t("processes.emptyFiltered")} <a href="/processes">{t("processes.filter.clear")}</a>
      </TableEmptyRow>
    );
  }
  return (
    <>
      {items.map((p) => (
        <tr id={`process-${p.pid}`} aria-selected={filters.pid === p.pid ? "true" : undefined}>
          <td class="is-num">{p.pid}</td>
          <td class="process-name" data-depth={p.depth > 0 ? String(Math.min(p.depth, 12)) : undefined}>
            <div class="cell-title">
              <a
                href={processesHref(filters, { pid: p.pid })}
                hx-get={`/processes/${p.pid}/panel${processQueryString(filters, { pid: p.pid })}`}
                hx-target="#process-panel"
                hx-swap="innerHTML"
                hx-push-url={processesHref(filters, { pid: p.pid })}
              >
                {p.name}
              </a>
            </div>
            <div class="cell-sub mono truncate" title={p.command.slice(0, 1000)}>
              {p.command.slice(0, 200)}
            </div>
          </td>
          <td class="nowrap">{p.user}</td>
          <td class="nowrap">
            <span class={`state state-${p.state}`}>{t(`processes.state.${p.state}`)}</span>
          </td>
          <td class="is-num">{fmt.number(p.cpu, 1)}</td>
          <td class="is-num nowrap">
            {fmt.bytes(p.rss)}
            <div class="cell-sub">{fmt.percent(p.memory)}</div>
          </td>
          <td class="is-num col-opt">{p.threads}</td>
          <td class="is-num col-opt">{p.nice}</td>
          <td class="nowrap col-opt">
            <time datetime={new Date(p.startedAt).toISOString()} title={fmt.dateTime(p.startedAt)}>
              {fmt.relative(p.startedAt)}
            </time>
          </td>
        </tr>
      ))}
    </>
  );
}
