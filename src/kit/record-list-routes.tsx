/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import { currentHref } from "../../views/components/nav-items.ts";
import type { ListFilters } from "../../views/components/query-string.ts";
import {
  RecordList,
  type RecordListSpec,
  type RecordListState,
} from "../../views/components/record-list.tsx";
import { RecordRows } from "../../views/components/record-table.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import type { Actor } from "./actor.ts";
import { can } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";
import type { RecordPage } from "./record-list.ts";
import { listPage, listRows, type Refusal } from "./record-pages.tsx";

/**
 * A record module's list: the page at its path (the declared list, `RecordList`) and the rows
 * of its live refresh at `<path>/rows`; `run` reads one page of it. `P` is what the page shows
 * besides the list, read for each request (`props`).
 */
export interface RecordListPages<D, F extends ListFilters, T extends { id: string }, P> {
  /** The records of the list for `filters`, one page of them (by number, or by its `cursor` or `before`). */
  run: (svc: D, actor: Actor, filters: F) => Promise<RecordPage<T>>;
  /**
   * The list declared with its table: its URLs always read the query (`urls.schema`); its
   * rows and the browser's address after a live refresh come from it unless `tableFor` gives
   * the request's own table (which must share these URLs).
   */
  table: RecordListSpec<T, F, P>;
  /**
   * The table for a request, where it depends on the viewer, the filters or a refused post on
   * the list (a column of checkboxes, those ticked again); `table` unless given.
   */
  tableFor?: (c: Context<AppEnv>, filters: F, refusal?: Refusal) => RecordListSpec<T, F, P>;
  /** What else the page shows the viewer (people to filter by …); `refusal` when it answers a refused post on the list. None unless given. */
  props?: (actor: Actor, refusal?: Refusal) => Promise<P>;
}

/** The page number `n` a link to a page read by cursor shows (only a label: at least 1, unchecked). */
function shownNumber(c: Context<AppEnv>): number {
  return Math.max(1, Math.trunc(Number(c.req.query("n"))) || 1);
}

/** A page read by cursor numbered `n` as its link said (1 when it is the first page); one read by number as it is. */
function shownPage<T>(page: RecordPage<T>, filters: ListFilters, n: number): RecordPage<T> {
  if (!filters.cursor && !filters.before) return page;
  return { ...page, page: page.previousCursor === null ? 1 : n };
}

/**
 * Registers a record list's page (titled `<many>.title`) and its rows on `router`, read with
 * `svc`, with the notice a redirect left, offering to those allowed a "new" button and the
 * deleted records (`offers`); answers the page as a function, for a post on the list that is
 * refused (shown with its status).
 */
export function recordListRoutes<D, F extends ListFilters, T extends { id: string }, P>(
  base: { router: Hono<AppEnv>; kind: RecordKind; svc: D; notice: (c: Context<AppEnv>) => string | null },
  offers: { create: boolean; restore: boolean },
  spec: RecordListPages<D, F, T, P>,
): (c: Context<AppEnv>, refusal?: Refusal) => Promise<Response> {
  const { router, kind, svc } = base;
  const { schema } = spec.table.urls;
  const pageOf = (c: Context<AppEnv>, filters: F) => spec.run(svc, actorOf(c), filters);
  const tableOf = (c: Context<AppEnv>, filters: F, refusal?: Refusal) =>
    spec.tableFor?.(c, filters, refusal) ?? spec.table;
  const show = (c: Context<AppEnv>, refusal?: Refusal) => {
    // A post refused elsewhere (a bulk action at its own path) answers with the list: its entry is the current one.
    const view = c.get("view");
    if (refusal) view.navCurrent = currentHref(view.nav, kind.path);
    return listPage(
      c,
      c.get("view").t(`${kind.many}.title`),
      schema,
      async (filters, errors) => {
        const actor = actorOf(c);
        const list: RecordListState<T, F> = {
          view: c.get("view"),
          filters,
          errors,
          page: shownPage(await pageOf(c, filters), filters, shownNumber(c)),
          canCreate: offers.create && can(actor, "create", kind.many),
          canRestore: offers.restore && can(actor, "delete", kind.many),
          notice: base.notice(c),
        };
        const read = (await spec.props?.(actor, refusal)) as P;
        return <RecordList {...list} {...read} table={tableOf(c, filters, refusal)} />;
      },
      refusal?.status,
    );
  };
  router.get(kind.path, (c) => show(c));
  router.get(`${kind.path}/rows`, (c) =>
    listRows(
      c,
      schema,
      // The address keeps the page read by cursor, so the next refresh reads the same one.
      (filters) =>
        tableOf(c, filters).urls.href(filters, {
          cursor: filters.cursor,
          before: filters.before,
          n: filters.cursor || filters.before ? shownNumber(c) : undefined,
        }),
      async (filters) => (
        <RecordRows
          view={c.get("view")}
          table={tableOf(c, filters)}
          items={(await pageOf(c, filters)).items}
          filters={filters}
        />
      ),
    ),
  );
  return show;
}
