/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import {
  RecordDetail,
  type RecordDetailSpec,
  type RecordDetailState,
  type RecordPageState,
} from "../../views/components/record-detail.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { renderPage } from "../lib/htmx.tsx";
import type { Actor } from "./actor.ts";
import { can } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";

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
