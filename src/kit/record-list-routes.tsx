/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import type { z } from "zod";
import type { RecordKind } from "../../views/components/record-kind.ts";
import type { AppEnv } from "../lib/context.ts";
import type { FieldErrors } from "../lib/errors.ts";
import { listPage, listRows, type Refusal } from "./record-pages.tsx";

/** A record module's list: the page at its path and the rows of its live refresh at `<path>/rows`. */
export interface RecordListRoutes<S extends z.ZodType> {
  kind: RecordKind;
  /** The list's filters in the query (bad ones are reported beside their field and left out). */
  schema: S;
  /** The list's address for `filters` (the browser's URL after a live refresh). */
  href: (filters: z.output<S>) => string;
  /** The page's content; `refusal` when it answers a refused post on the list. */
  page: (c: Context<AppEnv>, filters: z.output<S>, errors: FieldErrors, refusal?: Refusal) => Promise<Child>;
  /** The table's rows. */
  rows: (c: Context<AppEnv>, filters: z.output<S>) => Promise<Child>;
}

/**
 * Registers a record list's page (titled `<many>.title`) and its rows on `router`; answers
 * the page as a function, for a post on the list that is refused (shown with its status).
 */
export function recordListRoutes<S extends z.ZodType>(
  router: Hono<AppEnv>,
  spec: RecordListRoutes<S>,
): (c: Context<AppEnv>, refusal?: Refusal) => Promise<Response> {
  const { kind, schema } = spec;
  const show = (c: Context<AppEnv>, refusal?: Refusal) =>
    listPage(
      c,
      c.get("view").t(`${kind.many}.title`),
      schema,
      (filters, errors) => spec.page(c, filters, errors, refusal),
      refusal?.status,
    );
  router.get(kind.path, (c) => show(c));
  router.get(`${kind.path}/rows`, (c) => listRows(c, schema, spec.href, (filters) => spec.rows(c, filters)));
  return show;
}
