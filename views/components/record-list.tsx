/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldErrors } from "../../src/lib/errors.ts";
import { FilterBar, type FilterBuilders, filterBuilders, searchFilter } from "./filter-fields.tsx";
import type { FormItem } from "./form-fields.tsx";
import { LiveRefresh, LiveTopic, liveSource } from "./live-rows.tsx";
import { Message } from "./message.tsx";
import { PageHead } from "./page-head.tsx";
import type { ListFilters } from "./query-string.ts";
import { RecordTable, type RecordTableSpec, type ShownPage } from "./record-table.tsx";
import { buttonClass } from "./submit-button.tsx";

/** What every record list page is given: the list as its URL asks for it, and what the viewer may do. */
export interface RecordListState<T, F extends ListFilters> {
  view: ViewContext;
  filters: F;
  /** The filters the URL got wrong, named beside their field. */
  errors: FieldErrors;
  /** The page shown: by number, or by cursor (its `page` the number shown). */
  page: ShownPage<T>;
  canCreate?: boolean;
  /** Admins see the deleted records on request and restore them. */
  canRestore?: boolean;
  notice: string | null;
}

/** The list as its page shows it, with what the module read for it (`P`): what a list's parts are drawn from. */
export type RecordListData<T, F extends ListFilters, P> = RecordListState<T, F> & P;

/**
 * A record list declared once, with its table: what its page adds to the rows (the filter
 * bar's fields, the realtime events, the head's links and messages, the module's own parts).
 * `P` is what the module reads for each request besides the list (`props` of `recordPages`:
 * the people to filter by …).
 */
export interface RecordListSpec<T extends { id: string }, F extends ListFilters, P = unknown>
  extends RecordTableSpec<T, F> {
  /**
   * The kind's realtime events that refresh the rows besides `<one>.created`, `.updated` and
   * `.deleted`, by what follows the dot (`imported` for `vulnerability.imported`).
   */
  moreEvents?: readonly string[];
  /** The message of the link from the deleted records back to the others; `<many>.showOpen` unless given. */
  back?: string;
  /** The message of the search box's example (`<many>.filter.q` labels it). */
  searchHint?: string;
  /**
   * A link after the count to the part of the list that needs attention (`filters`), shown
   * when it has records, with how many (`count`, read with the page: whatever the filters).
   */
  countLink?: {
    count: (read: P) => number;
    filters: Partial<F>;
    /** Its message, given `count`. */
    message: string;
    testid: string;
    class?: string;
  };
  /** Head links shown before the "new" button to those who may create. */
  createLinks?: (list: RecordListData<T, F, P>) => Child;
  /** Shown right under the head (the tabs of a module with several lists). */
  tabs?: (list: RecordListData<T, F, P>) => Child;
  /** Shown between the notice and the filters (the module's own: heat maps, bulk actions …). */
  lead?: (list: RecordListData<T, F, P>) => Child;
  /** Shown after the list. */
  after?: (list: RecordListData<T, F, P>) => Child;
  /**
   * The filter bar's fields after the search box, described by the builders bound to the view
   * and the kind (the sort, the deleted view and the apply button are added).
   */
  fields: (filters: FilterBuilders, list: RecordListData<T, F, P>) => FormItem[];
}

/**
 * A record list: the title with the count, export links and the "new" button; the filter
 * bar; the sortable table whose rows refresh as the filters change and when anyone changes
 * a record (held while the pointer or focus is on the table); the pages; and for admins the
 * link between the deleted records and the others.
 * Everything the list shows is in its URL. The kit's list route draws it for every record
 * module; the module's parts (`tabs`, `lead`, `after`, the head's links, the filter fields)
 * are drawn from the list and what the module read for the page (`P`).
 */
export function RecordList<T extends { id: string }, F extends ListFilters, P>(
  props: RecordListData<T, F, P> & { table: RecordListSpec<T, F, P> },
) {
  const { view, table, filters, page } = props;
  const { kind, urls } = table;
  const { t, fmt } = view;
  const { one, many, path } = kind;
  const exportQuery = urls.query(filters, { page: 1 });
  const join = exportQuery ? `${exportQuery}&` : "?";
  const source = liveSource(kind);
  const hint = table.searchHint ? t(table.searchHint) : undefined;
  const fields = [searchFilter(view, many, hint), ...table.fields(filterBuilders(view, many), props)];
  const part = table.countLink;
  const inPart = part && filters.deleted !== "only" ? part.count(props) : 0;
  return (
    <>
      <PageHead
        title={filters.deleted === "only" ? t(`${many}.deletedTitle`) : t(`${many}.title`)}
        subClass="num"
        subId={`${one}-count`}
        sub={
          <>
            {t.plural(`${many}.count`, page.total, { total: fmt.number(page.total) })}
            {part && inPart > 0 ? (
              <>
                {" · "}
                <a
                  class={part.class}
                  href={urls.href(filters, { ...part.filters, page: 1 })}
                  data-testid={part.testid}
                >
                  {t(part.message, { count: fmt.number(inPart) })}
                </a>
              </>
            ) : null}
          </>
        }
      >
        <div class="head-actions">
          {(["csv", "json"] as const).map((format) => (
            <a
              class={buttonClass("secondary")}
              href={`${kind.api}/export${join}format=${format}`}
              hx-boost="false"
              download
            >
              {t(format === "csv" ? `${many}.exportCsv` : `${many}.exportJson`)}
            </a>
          ))}
          {props.canCreate ? (
            <>
              {table.createLinks?.(props)}
              <a class={buttonClass("primary")} href={`${path}/new`} data-testid={`new-${one}`}>
                {t(`${many}.new`)}
              </a>
            </>
          ) : null}
        </div>
      </PageHead>
      {table.tabs?.(props)}
      <Message view={view} kind="success" testid={`${many}-notice`}>
        {props.notice}
      </Message>
      {table.lead?.(props)}
      <FilterBar view={view} list={kind} filters={filters} errors={props.errors} items={fields}>
        {filters.sort !== urls.defaultSort ? <input type="hidden" name="sort" value={filters.sort} /> : null}
        {filters.deleted === "only" ? <input type="hidden" name="deleted" value="only" /> : null}
      </FilterBar>
      <RecordTable view={view} table={table} page={page} filters={filters} live={source} />
      <LiveTopic
        view={view}
        topic={many}
        events={["created", "updated", "deleted", ...(table.moreEvents ?? [])]
          .map((e) => `${one}.${e}`)
          .join(" ")}
      />
      <LiveRefresh
        source={source}
        when={`${many}-changed from:body`}
        hold={`#${one}-table`}
        keep="page pageSize cursor before n"
      />
      {props.canRestore ? (
        <p class="muted">
          {filters.deleted === "only" ? (
            <a href={path}>{t(table.back ?? `${many}.showOpen`)}</a>
          ) : (
            <a href={`${path}?deleted=only`} data-testid="show-deleted">
              {t(`${many}.showDeleted`)}
            </a>
          )}
        </p>
      ) : null}
      {table.after?.(props)}
    </>
  );
}
