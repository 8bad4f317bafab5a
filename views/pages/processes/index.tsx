/** @jsxImportSource hono/jsx */
import type { ListNames } from "../../../src/kit/record-kind.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import { type ListedProcess, type ProcessPage, STATE_WORDS } from "../../../src/modules/processes/query.ts";
import { DataTable, type SortSpec, sortColumns, TableEmptyRow } from "../../components/data-table.tsx";
import { FilterBar, searchFilter, selectFilter } from "../../components/filter-fields.tsx";
import { choices, type FormItem } from "../../components/form-fields.tsx";
import { type LiveListState, LiveRefresh, liveBody, liveSource } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { type ProcessFilters, processesHref, processQueryString } from "./filters.ts";
import { ProcessPanel, type ProcessPanelProps } from "./panel.tsx";

/** The names the list is built from. */
const PROCESSES: ListNames = { one: "process", many: "processes", path: "/processes" };
const LIVE = liveSource(PROCESSES);

/** Props of the processes page. */
export interface ProcessesPageProps extends LiveListState<ProcessFilters> {
  page: ProcessPage;
  /** The details panel, when a process is selected. */
  panel: Omit<ProcessPanelProps, "view" | "filters"> | null;
  /** A selected process that no longer exists. */
  gone: number | null;
  /** A signal just sent, to confirm. */
  sent: { signal: string; pid: number } | null;
}

/** The table's columns, each sorting by its key (labels under `processes.col`). */
const COLUMNS: readonly SortSpec[] = [
  { key: "pid", label: "pid", numeric: true },
  { key: "name", label: "name" },
  { key: "user", label: "user" },
  { key: "state", label: "state" },
  { key: "cpu", label: "cpu", numeric: true },
  { key: "rss", label: "memory", numeric: true },
  { key: "threads", label: "threads", numeric: true, optional: true },
  { key: "nice", label: "nice", numeric: true, optional: true },
  { key: "startedAt", label: "started", optional: true },
];

/** Counts above the table and the "show more" link; sent again (out of band) with each refresh. */
export function ProcessCounts({
  view,
  filters,
  page,
  oob,
}: Pick<ProcessesPageProps, "view" | "filters" | "page"> & { oob?: boolean }) {
  const { t, fmt } = view;
  return (
    <p id="process-count" class="page-sub num" hx-swap-oob={oob ? "true" : undefined} aria-live="off">
      {page.total === page.all
        ? t.plural("processes.count", page.all, { all: fmt.number(page.all) })
        : t("processes.countFiltered", { total: fmt.number(page.total), all: fmt.number(page.all) })}
      {page.total > page.items.length ? (
        <>
          {" · "}
          {t("processes.showing", { shown: fmt.number(page.items.length) })}{" "}
          <a href={processesHref(filters, { limit: Math.min(5000, filters.limit * 2) })}>
            {t("processes.showMore")}
          </a>
        </>
      ) : null}
    </p>
  );
}

function ProcessFilterBar({
  view,
  filters,
  errors,
  users,
}: Pick<ProcessesPageProps, "view" | "filters" | "errors"> & { users: string[] }) {
  const { t } = view;
  const items: FormItem[] = [
    searchFilter(view, "processes", t("processes.filter.qPlaceholder")),
    selectFilter(
      view,
      "processes",
      "user",
      choices(
        [{ value: "", label: t("processes.filter.anyUser") }],
        filters.user && !users.includes(filters.user) ? [...users, filters.user] : users,
        (u) => u,
      ),
    ),
    selectFilter(
      view,
      "processes",
      "state",
      choices([{ value: "", label: t("processes.filter.anyState") }], STATE_WORDS, (s) =>
        t(`processes.state.${s}`),
      ),
    ),
    selectFilter(
      view,
      "processes",
      "view",
      choices([], ["flat", "tree"], (v) => t(`processes.filter.${v}`)),
    ),
  ];
  return (
    <FilterBar view={view} list={PROCESSES} filters={filters} errors={errors} items={items}>
      {filters.sort !== "-cpu" ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.limit !== 200 ? <input type="hidden" name="limit" value={String(filters.limit)} /> : null}
      {filters.pid !== null ? <input type="hidden" name="pid" value={String(filters.pid)} /> : null}
    </FilterBar>
  );
}

/**
 * `/processes`: the live process table (sorted, filtered, flat or as a tree; the rows
 * refresh in place every few seconds and hold still while the pointer or focus is on
 * them) and, for a selected process, its details panel with Terminate and Kill for admins.
 */
export function ProcessesPage({
  view,
  filters,
  errors,
  page,
  panel,
  gone,
  sent,
  refreshMs,
}: ProcessesPageProps) {
  const { t } = view;
  return (
    <>
      <PageHead
        title={t("processes.title")}
        below={<ProcessCounts view={view} filters={filters} page={page} />}
      >
        <p class="page-hint muted">{t("processes.liveHint", { seconds: String(refreshMs / 1000) })}</p>
      </PageHead>
      {sent ? (
        <Message view={view} kind="success" testid="process-sent">
          {t("processes.sent", { signal: `SIG${sent.signal}`, pid: String(sent.pid) })}
        </Message>
      ) : null}
      {gone !== null ? (
        <Message view={view} kind="error" testid="process-gone">
          {t("processes.gone", { pid: String(gone) })}
        </Message>
      ) : null}
      <ProcessFilterBar view={view} filters={filters} errors={errors} users={page.users} />
      <LiveRefresh source={LIVE} when={`every ${refreshMs}ms`} hold="#process-table" />
      <div class="process-layout">
        <div id="process-panel" class="process-panel-slot">
          {panel ? <ProcessPanel view={view} filters={filters} {...panel} /> : null}
        </div>
        <div id="process-table" class="process-table">
          <DataTable
            label={t("processes.title")}
            testid="process-table"
            rowCount={1}
            empty={null}
            columns={sortColumns(
              COLUMNS,
              filters.sort,
              (label) => t(`processes.col.${label}`),
              (sort) => processesHref(filters, { sort }),
            )}
            body={liveBody(LIVE)}
          >
            <ProcessRows view={view} items={page.items} filters={filters} />
          </DataTable>
        </div>
      </div>
    </>
  );
}

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
