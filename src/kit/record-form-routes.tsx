/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { emptyForm, type FormState } from "../../views/components/form-field.tsx";
import { PageHead } from "../../views/components/page-head.tsx";
import { RecordForm, type RecordFormSpec } from "../../views/components/record-form.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { AppError, type FieldErrors } from "../lib/errors.ts";
import { redirectAfterPost, renderPage } from "../lib/htmx.tsx";
import type { Translate } from "../lib/i18n.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { formErrors, parseForm, readForm, readFormLists, refusalText } from "./forms.ts";
import { assertCan } from "./rbac.ts";
import { currentFields, fieldsInput, readFields } from "./record-form-fields.ts";
import type { RecordChange, RecordPagesPart, RecordRead } from "./record-module-pages.ts";

/*
 * A record's new and edit pages, described once: the four routes every record module has
 * (`GET <path>/new`, `POST <path>`, `GET <path>/:id/edit`, `POST <path>/:id/edit`), the
 * page around the form, and a submission that goes on or shows the form again as typed.
 */

type Values = Record<string, string>;

/** The form page of a record: `title` under a link back to its list, then the form. */
export function formPage(
  c: Context<AppEnv>,
  page: { title: string; list: { href: string; label: string }; status?: ContentfulStatusCode },
  form: Child,
): Response | Promise<Response> {
  return renderPage(c, {
    title: page.title,
    status: page.status,
    content: (
      <>
        <PageHead back={<a href={page.list.href}>{page.list.label}</a>} title={page.title} />
        {form}
      </>
    ),
  });
}

/** A posted record form: what was typed, how to save it and how to show the form again. */
export interface FormSubmission<V extends Record<string, string>> {
  values: V;
  /** Saves; answers where the browser goes next. */
  save: () => Promise<string>;
  /** The form again, with the field errors or (409) the message of a conflict. */
  show: (form: FormState<V>, status: ContentfulStatusCode, conflict?: string) => Response | Promise<Response>;
  /** The field errors of a refused save (default: `formErrors`; anything but a validation error goes on). */
  errorsOf?: (error: unknown, t: Translate) => FieldErrors;
  /** An edit against a version: a 409 (changed since) shows the form again as typed, with the message. */
  versioned?: boolean;
}

/** Saves a posted form and redirects, or shows the form again: 422 with the field errors, 409 for a stale edit. */
export async function submitForm<V extends Record<string, string>>(
  c: Context<AppEnv>,
  submission: FormSubmission<V>,
): Promise<Response> {
  const { values, show } = submission;
  try {
    return redirectAfterPost(c, await submission.save());
  } catch (error) {
    // Keep what was typed; the message says the record changed and how to go on.
    if (submission.versioned && error instanceof AppError && error.status === 409)
      return show({ values, errors: {} }, 409, refusalText(error, c.get("view").t));
    return show({ values, errors: (submission.errorsOf ?? formErrors)(error, c.get("view").t) }, 422);
  }
}

/**
 * A record module's new and edit forms: the declared form (`form`) reads what was typed as
 * the service's input, `create` and `update` parse it with their schema (the edit with the
 * version shown) and save it; the browser then goes to the record. `P` is what the form shows
 * besides the record, read for each request (`props`).
 */
export interface RecordFormPages<
  D,
  R extends { id: string; version: number },
  L extends string,
  C extends z.ZodType,
  U extends z.ZodType,
  P,
> {
  /** The record to edit (throws when it is not there or not visible). */
  load: RecordRead<D, R>;
  /** The form declared with its fields (`views/pages/<module>/form.tsx`). */
  form: RecordFormSpec<R, P, L>;
  /** What else the form shows the viewer (people to assign …), given the record edited (null on the new form). None unless given. */
  props?: (actor: Actor, record: R | null) => Promise<P>;
  /** The new record's form, prefilled. */
  blank?: (c: Context<AppEnv>) => Partial<Values>;
  /** An edit's input from what the new form would give: what an edit may not change left out. */
  patch?: (c: Context<AppEnv>, input: Record<string, unknown>, record: R) => Record<string, unknown>;
  /** The edit page's title; `<many>.editTitle` unless given. */
  editTitle?: (c: Context<AppEnv>, record: R) => string;
  create: {
    schema: C;
    run: (svc: D, actor: Actor, input: z.output<C>, request?: RequestFacts) => Promise<{ id: string }>;
  };
  update: { schema: U; run: RecordChange<D, z.output<U>, unknown> };
}

/**
 * The new and edit routes, saving through the module's service functions, drawing the declared
 * form with `RecordForm` (registered before the `:id` route).
 */
export function recordForm<
  D,
  R extends { id: string; version: number },
  L extends string,
  C extends z.ZodType,
  U extends z.ZodType,
  P,
>(pages: RecordFormPages<D, R, L, C, U, P>): RecordPagesPart<D> {
  const { form } = pages;
  return ({ router, kind, svc, facts }) => {
    const { path, many } = kind;
    const names = form.lists?.names ?? [];
    const noLists = Object.fromEntries(names.map((name) => [name, [] as string[]])) as Record<L, string[]>;
    const zoneOf = (c: Context<AppEnv>) => c.get("view").fmt.timeZone;

    const read = async (c: Context<AppEnv>) => ({
      values: readFields(form.fields, await readForm(c)),
      lists: form.lists ? await readFormLists(c, ...names) : noLists,
    });
    const inputOf = (
      c: Context<AppEnv>,
      typed: { values: Values; lists: Record<L, string[]> },
      record?: R,
    ) => {
      const { input, more } = fieldsInput(form.fields, typed.values, zoneOf(c), record);
      return { input: { ...input, ...typed.lists }, more };
    };
    // The edit form and its post are for those who may update the kind, whatever the record.
    const load = (c: Context<AppEnv>, id: string) => {
      assertCan(actorOf(c), "update", many);
      return pages.load(svc, actorOf(c), id);
    };

    const show = async (
      c: Context<AppEnv>,
      page: { title: string; action: string; cancel: string; record: R | null },
      state: { form: FormState; lists: Record<L, string[]>; conflict?: string },
      status?: ContentfulStatusCode,
    ) => {
      const { title, record, ...target } = page;
      const view = c.get("view");
      const read = (await pages.props?.(actorOf(c), record)) as P;
      const shown = { view, ...target, form: state.form, conflict: state.conflict };
      const data = { ...shown, lists: state.lists, record, ...read };
      return formPage(
        c,
        { title, list: { href: path, label: view.t(`${many}.title`) }, status },
        <RecordForm
          {...shown}
          kind={kind}
          class={form.class}
          note={form.note?.(data)}
          items={(fields) => form.items(fields, data)}
        />,
      );
    };
    const newPage = (c: Context<AppEnv>) => ({
      title: c.get("view").t(`${many}.new`),
      action: path,
      cancel: path,
      record: null,
    });
    const editPage = (c: Context<AppEnv>, id: string, record: R) => ({
      title: pages.editTitle?.(c, record) ?? c.get("view").t(`${many}.editTitle`),
      action: `${path}/${id}/edit`,
      cancel: `${path}/${id}`,
      record,
    });

    // The new form and its post are for those who may create: refused before a post is read.
    const assertCreate = (c: Context<AppEnv>) => assertCan(actorOf(c), "create", many);

    router.get(`${path}/new`, async (c) => {
      assertCreate(c);
      return show(c, newPage(c), { form: emptyForm(pages.blank?.(c)), lists: noLists });
    });

    router.post(path, async (c) => {
      assertCreate(c);
      const typed = await read(c);
      return submitForm(c, {
        values: typed.values,
        save: async () => {
          const { input, more } = inputOf(c, typed);
          const parsed = await parseForm(pages.create.schema, input, more);
          const record = await pages.create.run(svc, actorOf(c), parsed, facts(c));
          return `${path}/${record.id}?notice=created`;
        },
        show: (state, status) => show(c, newPage(c), { form: state, lists: typed.lists }, status),
      });
    });

    router.get(`${path}/:id/edit`, async (c) => {
      const id = c.req.param("id");
      const record = await load(c, id);
      const values = currentFields(form.fields, record, zoneOf(c));
      const lists = form.lists?.current(record) ?? noLists;
      return show(c, editPage(c, id, record), { form: emptyForm(values), lists });
    });

    router.post(`${path}/:id/edit`, async (c) => {
      const id = c.req.param("id");
      const record = await load(c, id);
      const typed = await read(c);
      return submitForm(c, {
        values: typed.values,
        versioned: true,
        save: async () => {
          const { input, more } = inputOf(c, typed, record);
          const changed = pages.patch?.(c, input, record) ?? input;
          const version = Number(typed.values.version) || undefined;
          const patch = await parseForm(pages.update.schema, { ...changed, version }, more);
          await pages.update.run(svc, actorOf(c), record.id, patch, facts(c));
          return `${path}/${record.id}?notice=saved`;
        },
        show: (state, status, conflict) =>
          show(c, editPage(c, id, record), { form: state, lists: typed.lists, conflict }, status),
      });
    });
  };
}
