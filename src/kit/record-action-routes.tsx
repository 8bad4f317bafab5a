import type { Context } from "hono";
import type { z } from "zod";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { redirectAfterPost } from "../lib/htmx.tsx";
import { formErrors, parseForm, readForm } from "./forms.ts";
import { mayPost } from "./page-permission.ts";
import type { RecordChange, RecordPagesPart } from "./record-module-pages.ts";
import { recordPost } from "./record-pages.tsx";

/*
 * The posts that act on one record from its page, each a small form there: a workflow
 * move, giving it to someone, and a note on its timeline. A refused move or assignment
 * shows on the record's page; a bad note is shown again as typed.
 */

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
}

/** The posts a record's page offers. */
export interface RecordActions<D, S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType> {
  status?: StatusAction<D, S, R>;
  assign?: AssignAction<D, A>;
  note?: NoteAction<D, N>;
}

/**
 * The record's action posts, for `actions`, each for those who may update the kind (403 before
 * the form is read): a refused move or assignment shows on its page, a bad note is shown again
 * as typed (422).
 */
export function recordActions<D, S extends z.ZodType, R, A extends z.ZodType, N extends z.ZodType>(
  actions: RecordActions<D, S, R, A, N>,
): RecordPagesPart<D> {
  return ({ router, kind, svc, facts, refused, back }) => {
    const { path } = kind;
    const { status, assign, note } = actions;
    // Every action is an update of the record: refused (403) before its form is read.
    const mayUpdate = mayPost("update", kind.many);
    const call = <I, T>(c: Context<AppEnv>, change: RecordChange<D, I, T>, id: string, input: I) =>
      change(svc, actorOf(c), id, input, facts(c));
    if (status)
      router.post(
        `${path}/:id/status`,
        mayUpdate,
        recordPost(
          async (c, id) => {
            // The status chosen and the version it was shown at, as the schema reads them.
            const form = await readForm(c);
            const version = Number(form.version) || undefined;
            const change: z.output<S> = await parseForm(status.schema, { status: form.status, version });
            const more = status.more ? status.more(form) : {};
            return call(c, status.change, id, { ...(change as object), ...more } as z.output<S>);
          },
          (id, result) => `${path}/${id}?notice=${status.notice?.(result) ?? "moved"}`,
          refused,
        ),
      );
    if (assign)
      router.post(
        `${path}/:id/${assign.path}`,
        mayUpdate,
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
      router.post(`${path}/:id/${note.path}`, mayUpdate, async (c) => {
        const id = c.req.param("id") as string;
        const body = (await readForm(c)).body ?? "";
        try {
          await call(c, note.change, id, await parseForm(note.schema, { body }));
        } catch (error) {
          // A bad note is shown again on the record's page, as typed, with its problem.
          const typed = { value: body, error: formErrors(error, c.get("view").t).body };
          return back(c, id, { note: typed, status: 422 });
        }
        return redirectAfterPost(c, `${path}/${id}?notice=${note.notice}#${note.anchor}`);
      });
  };
}
