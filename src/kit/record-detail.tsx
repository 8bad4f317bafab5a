/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import {
  RecordDetail,
  type RecordDetailSpec,
  type RecordDetailState,
} from "../../views/components/record-detail.tsx";
import type { RecordPageState } from "../../views/components/record-head.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { renderPage } from "../lib/htmx.tsx";
import type { Actor } from "./actor.ts";
import { can } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";

/** A record's page: how the record is read, what else is read for it, and its declared page. */
export interface RecordDetailPage<T, P, S> {
  /** The kind of record it shows: its paths and message keys, and the resource whose permissions decide edit and delete. */
  kind: RecordKind;
  /** The notice a redirect left. */
  notice: (c: Context<AppEnv>) => string | null;
  /** True when the record has an edit form (its pages declare one). */
  editable: boolean;
  load: (c: Context<AppEnv>, id: string) => Promise<T>;
  /** The page, declared (`views/pages/<module>/detail.tsx`). */
  page: RecordDetailSpec<T, P, S>;
  /** What else the page shows the viewer (people, choices …), read for each request; none unless given. */
  props?: (actor: Actor, record: T) => Promise<P>;
}

/**
 * The record's page, `GET <path>/:id` and the answer to a refused post on it (`state`
 * carries the refusal, answered with its status, and what was typed).
 */
export function recordDetail<T, P, S>(
  of: RecordDetailPage<T, P, S>,
): (c: Context<AppEnv>, id: string, state?: RecordDetailState<S>) => Promise<Response> {
  return async (c, id, state = {}) => {
    const record = await of.load(c, id);
    const actor = actorOf(c);
    // Edit (unless the record has no edit form) and delete by the viewer's permissions on the kind's resource.
    const page: RecordPageState = {
      view: c.get("view"),
      kind: of.kind,
      canEdit: of.editable && can(actor, "update", of.kind.many),
      canDelete: can(actor, "delete", of.kind.many),
      notice: of.notice(c),
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
