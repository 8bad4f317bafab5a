/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { ListFilters } from "../../views/components/query-string.ts";
import {
  RecordDetail,
  type RecordDetailSpec,
  type RecordDetailState,
  type RecordPageState,
  type Refusal,
} from "../../views/components/record-detail.tsx";
import {
  RecordList,
  type RecordListSpec,
  type RecordListState,
} from "../../views/components/record-list.tsx";
import { RecordRows } from "../../views/components/record-table.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import type { FieldErrors } from "../lib/errors.ts";
import { liveRows, redirectAfterPost, renderPage } from "../lib/htmx.tsx";
import type { MessageParams } from "../lib/i18n.ts";
import type { Actor } from "./actor.ts";
import { readFilters } from "./forms.ts";
import { can } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";
import type { RecordPage } from "./record-list.ts";

/*
 * The pages every record module has, and the handling they share: the list and its live
 * rows, the record's page, the notice a redirect leaves, and the posts on one record whose
 * refusal shows on the record's page. What each page shows stays in its module.
 */

/** Shows a refused action on the record's page, or throws what is not a refusal. */
export type Refused = (c: Context<AppEnv>, id: string, error: unknown) => Response | Promise<Response>;

/**
 * The notice a redirect after a post asks for (`?notice=saved`): the message
 * `<prefix>.notice.<name>` when the catalog has one, else null; `params` fill its placeholders.
 */
export function noticeReader(
  prefix: string,
  params?: (c: Context<AppEnv>) => MessageParams,
): (c: Context<AppEnv>) => string | null {
  return (c) => {
    const notice = c.req.query("notice");
    const { t } = c.get("view");
    const key = `${prefix}.notice.${notice}`;
    return notice && t.has(key) ? t(key, params?.(c)) : null;
  };
}

/**
 * A POST on one record (`:id` in the path): `run` does it, then the browser goes on to
 * `next` (given the result). With `refused`, a refusal shows on the record's page.
 */
export function recordPost<R>(
  run: (c: Context<AppEnv>, id: string) => Promise<R>,
  next: (id: string, result: R) => string,
  refused?: Refused,
): (c: Context<AppEnv>) => Promise<Response> {
  return async (c) => {
    const id = c.req.param("id") as string;
    let result: R;
    try {
      result = await run(c, id);
    } catch (error) {
      if (!refused) throw error;
      return refused(c, id, error);
    }
    return redirectAfterPost(c, next(id, result));
  };
}

/**
 * A record list page titled `title`: its filters from the query (bad ones reported and
 * left out) go to `content`; `status` when it answers a refused post (422, 409).
 */
export async function listPage<S extends z.ZodType>(
  c: Context<AppEnv>,
  title: string,
  schema: S,
  content: (filters: z.output<S>, errors: FieldErrors) => Promise<Child>,
  status?: ContentfulStatusCode,
): Promise<Response> {
  const { filters, errors } = readFilters(schema, c.req.query(), c.get("view").t);
  return renderPage(c, { title, status, content: await content(filters, errors) });
}

/** The rows of a record list for a live refresh, read with the list's filters; `href` is the list's address for them. */
export function listRows<S extends z.ZodType>(
  c: Context<AppEnv>,
  schema: S,
  href: (filters: z.output<S>) => string,
  rows: (filters: z.output<S>) => Promise<Child>,
): Response | Promise<Response> {
  const { filters } = readFilters(schema, c.req.query());
  return liveRows(c, href(filters), () => rows(filters));
}

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
  /** The table for a request, where it depends on the viewer or the filters (a column of checkboxes); `table` unless given. */
  tableFor?: (c: Context<AppEnv>, filters: F) => RecordListSpec<T, F, P>;
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
  const tableOf = (c: Context<AppEnv>, filters: F) => spec.tableFor?.(c, filters) ?? spec.table;
  const show = (c: Context<AppEnv>, refusal?: Refusal) =>
    listPage(
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
        return <RecordList {...list} {...read} table={tableOf(c, filters)} />;
      },
      refusal?.status,
    );
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

/**
 * The record's page (`GET <path>/:id`), read by `get`, declared with its panels (`page`); `S`
 * is what the module's own posts leave to show again, `P` what else it reads for each request.
 */
export interface RecordDetailPages<D, T, S, P> {
  get: (svc: D, actor: Actor, id: string) => Promise<T>;
  /** The page, declared (`views/pages/<module>/detail.tsx`). */
  page: RecordDetailSpec<T, P, S>;
  /** What else the page shows the viewer (people, choices …), read for each request; none unless given. */
  props?: (actor: Actor, record: T) => Promise<P>;
}

/**
 * The record's page, `GET <path>/:id` and the answer to a refused post on it (`state`
 * carries the refusal, answered with its status, and what was typed): of `kind`, read with
 * `svc`, with the notice a redirect left; the edit link only where it has an edit form (`editable`).
 */
export function recordDetail<D, T, P, S>(
  base: { kind: RecordKind; svc: D; notice: (c: Context<AppEnv>) => string | null; editable: boolean },
  of: RecordDetailPages<D, T, S, P>,
): (c: Context<AppEnv>, id: string, state?: RecordDetailState<S>) => Promise<Response> {
  const { kind } = base;
  return async (c, id, state = {}) => {
    const actor = actorOf(c);
    const record = await of.get(base.svc, actor, id);
    // Edit (unless the record has no edit form) and delete by the viewer's permissions on the kind's resource.
    const page: RecordPageState = {
      view: c.get("view"),
      kind,
      canEdit: base.editable && can(actor, "update", kind.many),
      canDelete: can(actor, "delete", kind.many),
      notice: base.notice(c),
      error: state.error ?? null,
    };
    const data = { ...page, record, state, ...((await of.props?.(actor, record)) as P) };
    return renderPage(c, {
      title: of.page.title?.(record) ?? of.page.head(data).record.title,
      status: state.status,
      content: <RecordDetail {...data} spec={of.page} />,
    });
  };
}
