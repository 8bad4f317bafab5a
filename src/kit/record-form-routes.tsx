/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { emptyForm, type FormState } from "../../views/components/form-field.tsx";
import type { RecordFormState } from "../../views/components/record-form.tsx";
import { type AppEnv, actorOf } from "../lib/context.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import { parseForm, readForm, readFormLists } from "./forms.ts";
import { assertCan } from "./rbac.ts";
import { formPage, submitForm } from "./record-form.tsx";
import { currentFields, fieldsInput, type RecordFields, readFields } from "./record-form-fields.ts";
import type { RecordChange, RecordPagesPart, RecordRead } from "./record-module-pages.ts";

/*
 * A record's new and edit pages, described once: the four routes every record module has
 * (`GET <path>/new`, `POST <path>`, `GET <path>/:id/edit`, `POST <path>/:id/edit`), the
 * page around the form, and a submission that goes on or shows the form again as typed.
 */

type Values = Record<string, string>;

/** What the module's form view is given: the form's state, the lists chosen, and the record edited (null on the new form). */
export interface RecordFormView<R, L extends string> {
  state: RecordFormState;
  lists: Record<L, string[]>;
  record: R | null;
}

/**
 * A record module's new and edit forms: what was typed becomes the service's input through
 * `fields` (and `lists`), `create` and `update` parse it with their schema (the edit with the
 * version shown) and save it; the browser then goes to the record.
 */
export interface RecordFormPages<
  D,
  R extends { id: string; version: number },
  L extends string,
  C extends z.ZodType,
  U extends z.ZodType,
> {
  /** The record to edit (throws when it is not there or not visible). */
  load: RecordRead<D, R>;
  fields: RecordFields<R>;
  /** Multi-selects posted beside the fields (chosen ids), given to the service as lists, and a record's. */
  lists?: { names: readonly L[]; current: (record: R) => Record<L, string[]> };
  /** The new record's form, prefilled. */
  blank?: (c: Context<AppEnv>) => Partial<Values>;
  /** An edit's input from what the new form would give: what an edit may not change left out. */
  patch?: (
    c: Context<AppEnv>,
    input: Record<string, unknown>,
    record: R,
    values: Values,
  ) => Record<string, unknown>;
  /** The edit page's title; `<many>.editTitle` unless given. */
  editTitle?: (c: Context<AppEnv>, record: R) => string;
  create: {
    schema: C;
    run: (svc: D, actor: Actor, input: z.output<C>, request?: RequestFacts) => Promise<{ id: string }>;
  };
  update: { schema: U; run: RecordChange<D, z.output<U>, unknown> };
  /** The module's form. */
  form: (c: Context<AppEnv>, props: RecordFormView<R, L>) => Child | Promise<Child>;
}

/** The new and edit routes, saving through the module's service functions, for `form` (registered before the `:id` route). */
export function recordForm<
  D,
  R extends { id: string; version: number },
  L extends string,
  C extends z.ZodType,
  U extends z.ZodType,
>(form: RecordFormPages<D, R, L, C, U>): RecordPagesPart<D> {
  return ({ router, kind, resource, svc, facts }) => {
    const { path, many } = kind;
    const names = form.lists?.names ?? [];
    const noLists = Object.fromEntries(names.map((name) => [name, [] as string[]])) as Record<L, string[]>;
    const zoneOf = (c: Context<AppEnv>) => c.get("view").fmt.timeZone;

    const read = async (c: Context<AppEnv>) => ({
      values: readFields(form.fields, await readForm(c)),
      lists: form.lists ? await readFormLists(c, ...names) : noLists,
    });
    const inputOf = (c: Context<AppEnv>, typed: { values: Values; lists: Record<L, string[]> }) => {
      const { input, more } = fieldsInput(form.fields, typed.values, zoneOf(c));
      return { input: { ...input, ...typed.lists }, more };
    };
    // The edit form and its post are for those who may update the kind, whatever the record.
    const load = (c: Context<AppEnv>, id: string) => {
      assertCan(actorOf(c), "update", resource);
      return form.load(svc, actorOf(c), id);
    };

    const show = async (
      c: Context<AppEnv>,
      page: { title: string; action: string; cancel: string; record: R | null },
      state: { form: FormState; lists: Record<L, string[]>; conflict?: string },
      status?: ContentfulStatusCode,
    ) => {
      const { title, record, ...target } = page;
      const view = c.get("view");
      const props = {
        state: { view, ...target, form: state.form, conflict: state.conflict },
        lists: state.lists,
        record,
      };
      return formPage(
        c,
        { title, list: { href: path, label: view.t(`${many}.title`) }, status },
        await form.form(c, props),
      );
    };
    const newPage = (c: Context<AppEnv>) => ({
      title: c.get("view").t(`${many}.new`),
      action: path,
      cancel: path,
      record: null,
    });
    const editPage = (c: Context<AppEnv>, id: string, record: R) => ({
      title: form.editTitle?.(c, record) ?? c.get("view").t(`${many}.editTitle`),
      action: `${path}/${id}/edit`,
      cancel: `${path}/${id}`,
      record,
    });

    // The new form and its post are for those who may create: refused before a post is read.
    const assertCreate = (c: Context<AppEnv>) => assertCan(actorOf(c), "create", resource);

    router.get(`${path}/new`, async (c) => {
      assertCreate(c);
      return show(c, newPage(c), { form: emptyForm(form.blank?.(c)), lists: noLists });
    });

    router.post(path, async (c) => {
      assertCreate(c);
      const typed = await read(c);
      return submitForm(c, {
        values: typed.values,
        save: async () => {
          const { input, more } = inputOf(c, typed);
          const parsed = await parseForm(form.create.schema, input, more);
          const record = await form.create.run(svc, actorOf(c), parsed, facts(c));
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
          const { input, more } = inputOf(c, typed);
          const changed = form.patch?.(c, input, record, typed.values) ?? input;
          const version = Number(typed.values.version) || undefined;
          const patch = await parseForm(form.update.schema, { ...changed, version }, more);
          await form.update.run(svc, actorOf(c), record.id, patch, facts(c));
          return `${path}/${record.id}?notice=saved`;
        },
        show: (state, status, conflict) =>
          show(c, editPage(c, id, record), { form: state, lists: typed.lists, conflict }, status),
      });
    });
  };
}
