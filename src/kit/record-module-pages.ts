import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ListFilters } from "../../views/components/query-string.ts";
import type { RecordDetailState } from "../../views/components/record-detail.tsx";
import type { AppDeps } from "../deps.ts";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { AppError } from "../lib/errors.ts";
import type { MessageParams } from "../lib/i18n.ts";
import { requestFacts } from "../lib/request-facts.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { readForm, refusalText } from "./forms.ts";
import { mayPost } from "./page-permission.ts";
import { type RecordDetailPages, recordDetail } from "./record-detail.tsx";
import type { RecordKind } from "./record-kind.ts";
import { type RecordListPages, recordListRoutes } from "./record-list-routes.tsx";
import { noticeReader, type Refusal, type Refused, recordPost, type TypedNote } from "./record-pages.tsx";

/*
 * A record module's pages from one declaration: the list and its live rows, the new and
 * edit forms, the record's page, its action posts (status, assign, note) and delete/restore,
 * each bound to the module's service functions. The module states only what is its own:
 * its views, its form's fields, and any routes of its own (`routes`).
 */

type Row = { id: string };

/** A service function that changes one record: its deps, the actor, the record's id, the input and the request's facts. */
export type RecordChange<D, I, R> = (
  deps: D,
  actor: Actor,
  id: string,
  input: I,
  request?: RequestFacts,
) => Promise<R>;

/** Reads one record for the actor (throws when it is not there or not visible). */
export type RecordRead<D, T> = (svc: D, actor: Actor, id: string) => Promise<T>;

/** Acts on one record with no input (delete, restore). */
export type RecordDo<D> = (svc: D, actor: Actor, id: string, request?: RequestFacts) => Promise<unknown>;

/** What the kit hands a part of the pages (the form, the actions) to register itself with. */
export interface RecordPagesBase<D> {
  router: Hono<AppEnv>;
  kind: RecordKind;
  svc: D;
  facts: (c: Context<AppEnv>) => RequestFacts;
  refused: Refused;
  /** The record's page answering a post on it (a refusal, a note as typed). */
  back: (c: Context<AppEnv>, id: string, state: Partial<Refusal> & { note?: TypedNote }) => Promise<Response>;
}

/** A part of a record module's pages (`recordForm`, `recordActions`), registered with the kit's base. */
export type RecordPagesPart<D> = (base: RecordPagesBase<D>) => void;

/** What a module's own routes are given: the kit's base and the pages it built. */
export interface RecordPagesContext<D, E> extends RecordPagesBase<D> {
  /** The record's page; with `state`, the answer to a post on it. */
  detail: (c: Context<AppEnv>, id: string, state?: RecordDetailState<E>) => Promise<Response>;
  /** The list page; with a refusal, the answer to a refused post on the list. */
  list: (c: Context<AppEnv>, refusal?: Refusal) => Promise<Response>;
  /**
   * Registers a post of the module's own on one record, `POST <path>/:id/<action>`, for those
   * who may update the kind (403 before the form is read): `read` makes the input from the
   * form, `change` does it, the browser goes on to `next`; a refusal shows on the record's page.
   */
  post: <I, R>(
    action: string,
    read: (c: Context<AppEnv>, form: Record<string, string>) => I | Promise<I>,
    change: RecordChange<D, I, R>,
    next: (id: string, result: R) => string,
  ) => void;
}

/** A record module's pages, declared. */
export interface RecordPagesSpec<D, T, E, F extends ListFilters, L extends Row, P, Q> {
  /** The kind's names; `many` is the resource whose permissions decide what the viewer is offered. */
  kind: RecordKind;
  /** The service functions' deps. */
  svc: D;
  /**
   * The placeholders of the notice `name` a redirect asks for (`<resource>.notice.<name>`),
   * read from the URL; null when its values are not what a redirect gives (then no notice shows).
   */
  noticeParams?: (c: Context<AppEnv>, name: string) => MessageParams | null;
  list: RecordListPages<D, F, L, P>;
  detail: RecordDetailPages<D, T, E, Q>;
  /** The new and edit forms (`recordForm`). */
  form?: RecordPagesPart<D>;
  /** The posts from the record's page (`recordActions`). */
  actions?: RecordPagesPart<D>;
  remove: RecordDo<D>;
  restore?: RecordDo<D>;
  /** A refused delete shows on the record's page (e.g. others still depend on it). */
  removalRefused?: boolean;
  /** The module's own routes, registered before the record's page (so a literal path wins over `:id`). */
  routes?: (pages: RecordPagesContext<D, E>) => void;
}

/** Registers a record module's pages on a new router, in the order literal paths need. */
export function recordPages<D, T, E, F extends ListFilters, L extends Row, P, Q>(
  deps: AppDeps,
  spec: RecordPagesSpec<D, T, E, F, L, P, Q>,
): Hono<AppEnv> {
  const { kind, svc } = spec;
  const router = new Hono<AppEnv>();
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  const notice = noticeReader(kind.many, spec.noticeParams);
  const detail = recordDetail({ kind, svc, notice, editable: spec.form !== undefined }, spec.detail);
  // The kit's one cast: what the kit answers with (a refusal, a typed note) is part of every page's state.
  const back = (c: Context<AppEnv>, id: string, state: Partial<Refusal> & { note?: TypedNote }) =>
    detail(c, id, state as RecordDetailState<E>);
  // A refusal (409: someone was first or the rules say no; 422: bad input) shows on the record's page,
  // its form as posted; anything else goes on to the error handler.
  const refused: Refused = async (c, id, error) => {
    if (!(error instanceof AppError && (error.status === 409 || error.status === 422))) throw error;
    const status = error.status as ContentfulStatusCode;
    return back(c, id, { error: refusalText(error, c.get("view").t), status, typed: await readForm(c) });
  };
  const base = { router, kind, svc, facts, refused, back };

  // A "new" button where the kind has a form; the deleted records where it restores them.
  const offers = { create: spec.form !== undefined, restore: spec.restore !== undefined };
  const showList = recordListRoutes({ router, kind, svc, notice }, offers, spec.list);

  spec.form?.(base);
  spec.routes?.({
    ...base,
    detail,
    list: showList,
    post: (action, read, change, next) =>
      router.post(
        `${kind.path}/:id/${action}`,
        mayPost("update", kind.many),
        recordPost(
          async (c, id) => change(svc, actorOf(c), id, await read(c, await readForm(c)), facts(c)),
          next,
          refused,
        ),
      ),
  });
  router.get(`${kind.path}/:id`, (c) => detail(c, c.req.param("id")));
  spec.actions?.(base);

  const act = (change: RecordDo<D>) => (c: Context<AppEnv>, id: string) =>
    change(svc, actorOf(c), id, facts(c));
  const removalRefused = spec.removalRefused ? refused : undefined;
  router.post(
    `${kind.path}/:id/delete`,
    recordPost(act(spec.remove), () => `${kind.path}?notice=deleted`, removalRefused),
  );
  if (spec.restore)
    router.post(
      `${kind.path}/:id/restore`,
      recordPost(act(spec.restore), (id) => `${kind.path}/${id}?notice=restored`),
    );
  return router;
}
