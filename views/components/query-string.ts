import type { z } from "zod";

/** What every record list keeps in its URL, whatever else it filters by. */
export interface ListFilters {
  sort: string;
  page?: number | string;
  deleted?: string;
  /** The keyset cursors a page was read by (`recordListQuerySchema`): after a row, or before one. */
  cursor?: string | undefined;
  before?: string | undefined;
}

/** Values a record list does not write in its URL: the first page of 50, no search, live records. */
const LIST_DEFAULTS: Readonly<Record<string, string>> = {
  page: "1",
  pageSize: "50",
  q: "",
  deleted: "exclude",
};

/**
 * What any list's links may change whatever its filters: the order and the page — by number,
 * or by cursor (`cursor` after a row, `before` one) with `n`, the page number shown (a label).
 */
export interface ListChange {
  sort?: string;
  page?: number;
  cursor?: string | undefined;
  before?: string | undefined;
  n?: number | undefined;
}

/**
 * The parameters of a page read by cursor. A link writes them only when it names them (its
 * change), so every other link (a sort, a filter, the first page) leads back to the start.
 */
const CURSOR_KEYS = ["cursor", "before", "n"] as const;

/** The keys every list has; the others narrow the list (search and filters). */
const LIST_KEYS: ReadonlySet<string> = new Set(["sort", "page", "pageSize", "deleted"]);

/** The links of a record list: its URL and query string for a view of it. */
export type ListUrls<F extends ListFilters> = ReturnType<typeof listUrls<F>>;

/** A record list's query schema (`recordListQuerySchema`): its keys in order, and what it makes of an empty query. */
type ListQuerySchema<F> = z.ZodType<F> & { shape: object };

/** The keys a URL writes after the search and the filters, in this order. */
const TAIL_KEYS = ["sort", "pageSize", "page"];

/** The keys of a list query that are not its filters. */
const NOT_FILTERS: ReadonlySet<string> = new Set([...TAIL_KEYS, "q", "cursor", "before"]);

/**
 * The URL builder of the record list at `path` whose query `schema` reads: the search, the
 * filters in the schema's order, the sort, page size and page, each written only when it is
 * neither blank nor its default (the shared list defaults and the schema's sort).
 */
export function listUrls<F extends ListFilters>(path: string, schema: ListQuerySchema<F>) {
  const filterKeys = Object.keys(schema.shape).filter((key) => !NOT_FILTERS.has(key));
  const keys = ["q", ...filterKeys, ...TAIL_KEYS] as (keyof F & string)[];
  const defaultSort = schema.parse({}).sort;
  const defaults: Record<string, string | undefined> = { ...LIST_DEFAULTS, sort: defaultSort };
  /** The query string of a view, defaults and blanks left out (`?` included when not empty). */
  const query = (filters: F, change: Partial<F> | ListChange = {}): string => {
    const merged: Partial<F> = { ...filters, ...change };
    const params = new URLSearchParams();
    for (const key of keys) {
      const value = merged[key];
      if (value !== undefined && value !== "" && String(value) !== defaults[key]) {
        params.set(key, String(value));
      }
    }
    const paging = change as ListChange;
    for (const key of CURSOR_KEYS) {
      const value = paging[key];
      if (value !== undefined && value !== "") params.set(key, String(value));
    }
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const narrowing = keys.filter((key) => !LIST_KEYS.has(key));
  /** The list's path showing this view. */
  const href = (filters: F, change: Partial<F> | ListChange = {}) => `${path}${query(filters, change)}`;
  return {
    /** The list's path (`/incidents`). */
    path,
    /** The order the list has when the URL names none. */
    defaultSort,
    /** The list's filters in the query (bad ones are reported beside their field and left out). */
    schema,
    query,
    href,
    /** True when a search or filter narrows the list (an empty list then offers to clear them). */
    filtered: (filters: F) => narrowing.some((key) => Boolean(filters[key])),
    /** The list's path showing this view without its search and filters. */
    cleared: (filters: F, change: ListChange = {}) =>
      href({ ...filters, ...Object.fromEntries(narrowing.map((key) => [key, undefined])), ...change }),
  };
}
