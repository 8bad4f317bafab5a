import type { Context, Hono } from "hono";
import type { z } from "zod";
import { type AppEnv, actorOf } from "../lib/context.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { parseForm, readForm, readStatusChange } from "./forms.ts";
import type { RecordKind } from "./record-kind.ts";
import { notePost, type Refused, recordPost, type TypedNote } from "./record-pages.tsx";

/*
 * The posts that act on one record from its page, each a small form there: a workflow
 * move, giving it to someone, and a note on its timeline. A refused move or assignment
 * shows on the record's page; a bad note is shown again as typed.
 */

/** A service function that changes one record: its deps, the actor, the record's id, the input and the request's facts. */
export type RecordChange<D, I, R> = (
  deps: D,
  actor: Actor,
  id: string,
  input: I,
  request?: RequestFacts,
) => Promise<R>;

/** A workflow move: `POST <path>/:id/status` with the new status and the version seen. */
export interface StatusAction<D, S extends z.ZodType, R> {
  schema: S;
  change: RecordChange<D, z.output<S>, R>;
  /** More of the move from the form (a box ticked with it). */
  more?: (form: Record<string, string>) => Partial<z.output<S>>;
  /** The notice the record's page then shows; `moved` unless given. */
  notice?: (result: R) => string;
}

/** Giving the record to someone (or no one): `POST <path>/:id/<path>` with `field` and the version seen. */
export interface AssignAction<D, S extends z.ZodType> {
  path: string;
  field: string;
  schema: S;
  change: RecordChange<D, z.output<S>, unknown>;
  notice: string;
}

/** A note (comment) on the record's timeline: `POST <path>/:id/<path>` with `body`. */
export interface NoteAction<D, S extends z.ZodType> {
  path: string;
  schema: S;
  change: RecordChange<D, z.output<S>, unknown>;
  notice: string;
  /** The id of the timeline's heading, where the browser lands. */
  anchor: string;
  /** The record's page again with the note as typed and its problem (answered 422). */
  again: (c: Context<AppEnv>, id: string, note: TypedNote) => Response | Promise<Response>;
}

/** The actions a record's page offers, and what their service functions are called with. */
export interface RecordActions<D, S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType> {
  /** The services' deps. */
  svc: D;
  /** The request's facts for the audit trail. */
  facts: (c: Context<AppEnv>) => RequestFacts;
  /** Shows a refused move or assignment on the record's page. */
  refused: Refused;
  status?: StatusAction<D, S, R>;
  assign?: AssignAction<D, A>;
  note?: NoteAction<D, N>;
}

/** Registers the record's action posts on `router`. */
export function recordActionRoutes<D, S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType>(
  router: Hono<AppEnv>,
  kind: RecordKind,
  actions: RecordActions<D, S, R, A, N>,
): void {
  const { path } = kind;
  const { svc, status, assign, note, refused } = actions;
  const call = <I, T>(c: Context<AppEnv>, change: RecordChange<D, I, T>, id: string, input: I) =>
    change(svc, actorOf(c), id, input, actions.facts(c));
  if (status)
    router.post(
      `${path}/:id/status`,
      recordPost(
        async (c, id) => {
          const change: z.output<S> = await readStatusChange(c, status.schema);
          const more = status.more ? status.more(await readForm(c)) : {};
          return call(c, status.change, id, { ...(change as object), ...more } as z.output<S>);
        },
        (id, result) => `${path}/${id}?notice=${status.notice?.(result) ?? "moved"}`,
        refused,
      ),
    );
  if (assign)
    router.post(
      `${path}/:id/${assign.path}`,
      recordPost(
        async (c, id) => {
          const form = await readForm(c);
          const patch = await parseForm(assign.schema, {
            [assign.field]: form[assign.field] || null,
            version: Number(form.version) || undefined,
          });
          return call(c, assign.change, id, patch);
        },
        (id) => `${path}/${id}?notice=${assign.notice}`,
        refused,
      ),
    );
  if (note)
    router.post(
      `${path}/:id/${note.path}`,
      notePost(
        note.schema,
        (c, id, input) => call(c, note.change, id, input),
        (id) => `${path}/${id}?notice=${note.notice}#${note.anchor}`,
        note.again,
      ),
    );
}
