import type { Context, Hono } from "hono";
import type { z } from "zod";
import type { RecordKind } from "../../views/components/record-kind.ts";
import type { AppEnv } from "../lib/context.ts";
import { parseForm, readForm, readStatusChange } from "./forms.ts";
import { notePost, type Refused, recordPost, type TypedNote } from "./record-pages.tsx";

/*
 * The posts that act on one record from its page, each a small form there: a workflow
 * move, giving it to someone, and a note on its timeline. A refused move or assignment
 * shows on the record's page; a bad note is shown again as typed.
 */

/** A workflow move: `POST <path>/:id/status` with the new status and the version seen. */
export interface StatusAction<S extends z.ZodType, R> {
  schema: S;
  run: (c: Context<AppEnv>, id: string, change: z.output<S>) => Promise<R>;
  /** The notice the record's page then shows; `moved` unless given. */
  notice?: (result: R) => string;
}

/** Giving the record to someone (or no one): `POST <path>/:id/<path>` with `field` and the version seen. */
export interface AssignAction<S extends z.ZodType> {
  path: string;
  field: string;
  schema: S;
  run: (c: Context<AppEnv>, id: string, patch: z.output<S>) => Promise<unknown>;
  notice: string;
}

/** A note (comment) on the record's timeline: `POST <path>/:id/<path>` with `body`. */
export interface NoteAction<S extends z.ZodType> {
  path: string;
  schema: S;
  run: (c: Context<AppEnv>, id: string, input: z.output<S>) => Promise<unknown>;
  notice: string;
  /** The id of the timeline's heading, where the browser lands. */
  anchor: string;
  /** The record's page again with the note as typed and its problem (answered 422). */
  again: (c: Context<AppEnv>, id: string, note: TypedNote) => Response | Promise<Response>;
}

/** The actions a record's page offers. */
export interface RecordActions<S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType> {
  /** Shows a refused move or assignment on the record's page. */
  refused: Refused;
  status?: StatusAction<S, R>;
  assign?: AssignAction<A>;
  note?: NoteAction<N>;
}

/** Registers the record's action posts on `router`. */
export function recordActionRoutes<S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType>(
  router: Hono<AppEnv>,
  kind: RecordKind,
  actions: RecordActions<S, R, A, N>,
): void {
  const { path } = kind;
  const { status, assign, note, refused } = actions;
  if (status)
    router.post(
      `${path}/:id/status`,
      recordPost(
        async (c, id) => status.run(c, id, await readStatusChange(c, status.schema)),
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
          return assign.run(c, id, patch);
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
        note.run,
        (id) => `${path}/${id}?notice=${note.notice}#${note.anchor}`,
        note.again,
      ),
    );
}
