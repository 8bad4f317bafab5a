/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { AppEnv } from "../lib/context.ts";
import type { FieldErrors } from "../lib/errors.ts";
import { liveRows, redirectAfterPost, renderPage } from "../lib/htmx.tsx";
import type { MessageParams } from "../lib/i18n.ts";
import { readFilters } from "./forms.ts";

/*
 * The handling every record module's pages share (incidents, assets, vulnerabilities,
 * documents): the list, its live rows, the notice a redirect leaves, and the posts on one
 * record whose refusal shows on the record's page. What each page shows stays in its module.
 */

/**
 * A refused action as the record's page (or the list) shows it: the message, the status it
 * answers with, the fields posted (`typed`) and the records ticked (`ticked`, a bulk action
 * on a list), which the refused form shows again.
 */
export interface Refusal {
  error: string;
  status: ContentfulStatusCode;
  typed?: Record<string, string>;
  ticked?: readonly string[];
}

/** Shows a refused action on the record's page, or throws what is not a refusal. */
export type Refused = (c: Context<AppEnv>, id: string, error: unknown) => Response | Promise<Response>;

/**
 * The notice a redirect after a post asks for (`?notice=saved`): the message
 * `<prefix>.notice.<name>` when the catalog has one, else null; `params` fill its
 * placeholders, and when they answer null (the URL's values are not what a redirect gives,
 * e.g. text for a count) no notice shows, so a link cannot make the page state anything.
 */
export function noticeReader(
  prefix: string,
  params?: (c: Context<AppEnv>, name: string) => MessageParams | null,
): (c: Context<AppEnv>) => string | null {
  return (c) => {
    const notice = c.req.query("notice");
    const { t } = c.get("view");
    const key = `${prefix}.notice.${notice}`;
    if (!notice || !t.has(key)) return null;
    const values = params ? params(c, notice) : undefined;
    return values === null ? null : t(key, values);
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

/** A note as typed on a record's page, and its problem. */
export interface TypedNote {
  value: string;
  error?: string;
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
