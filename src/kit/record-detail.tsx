/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { RecordPageState } from "../../views/components/record-head.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { renderPage } from "../lib/htmx.tsx";
import { can } from "./rbac.ts";
import type { RecordKind } from "./record-kind.ts";
import type { Refusal } from "./record-pages.tsx";

/** A record's page: how the record is read, titled and shown, for the viewer. */
export interface RecordDetail<T, S extends Partial<Refusal>> {
  /** The kind of record it shows: its paths and message keys, and the resource whose permissions decide edit and delete. */
  kind: RecordKind;
  /** The notice a redirect left. */
  notice: (c: Context<AppEnv>) => string | null;
  /** False when the record has no edit form. */
  editable?: boolean;
  load: (c: Context<AppEnv>, id: string) => Promise<T>;
  title: (record: T) => string;
  /** The page's content: the record, the viewer's page state and what the post being answered left (`state`). */
  content: (c: Context<AppEnv>, record: T, page: RecordPageState, state: S) => Child | Promise<Child>;
}

/**
 * The record's page, `GET <path>/:id` and the answer to a refused post on it (`state`
 * carries the refusal, answered with its status, and what was typed).
 */
export function recordDetail<T, S extends Partial<Refusal>>(
  of: RecordDetail<T, S>,
): (c: Context<AppEnv>, id: string, state?: S) => Promise<Response> {
  return async (c, id, state = {} as S) => {
    const record = await of.load(c, id);
    const actor = actorOf(c);
    // Edit (unless the record has no edit form) and delete by the viewer's permissions on the kind's resource.
    const page: RecordPageState = {
      view: c.get("view"),
      kind: of.kind,
      canEdit: of.editable !== false && can(actor, "update", of.kind.many),
      canDelete: can(actor, "delete", of.kind.many),
      notice: of.notice(c),
      error: state.error ?? null,
    };
    return renderPage(c, {
      title: of.title(record),
      status: state.status,
      content: await of.content(c, record, page, state),
    });
  };
}
