/** @jsxImportSource hono/jsx */
import type { Context, Hono } from "hono";
import type { Child } from "hono/jsx";
import { emptyForm } from "../../views/components/form-field.tsx";
import type { RecordFormState } from "../../views/components/record-form.tsx";
import type { AppEnv } from "../lib/context.ts";
import type { FieldErrors } from "../lib/errors.ts";
import type { Translate } from "../lib/i18n.ts";
import { formPage, submitForm } from "./record-form.tsx";
import type { RecordKind } from "./record-kind.ts";

/*
 * A record's new and edit pages, described once: the four routes every record module has
 * (`GET <path>/new`, `POST <path>`, `GET <path>/:id/edit`, `POST <path>/:id/edit`), the
 * page around the form, and a submission that goes on or shows the form again as typed.
 */

/** A form as posted or prefilled: the values as typed and what else it holds (chosen ids …). */
export interface FormInput<V, X> {
  values: V;
  extra?: X;
}

/** What the module's form view is given: the form's state (values, errors, where it posts and cancels to), and the record. */
export interface RecordFormView<V extends Record<string, string>, R, X> {
  state: RecordFormState<V>;
  extra: X | undefined;
  /** The record edited; null on the new form. */
  record: R | null;
}

/** A record module's form pages. */
export interface RecordFormRoutes<V extends Record<string, string>, R, X = undefined> {
  kind: RecordKind;
  /** Refuses (throws) a viewer who may not create, so no one is shown a form they cannot send. */
  assertCreate: (c: Context<AppEnv>) => unknown;
  /** What the form posted. */
  read: (c: Context<AppEnv>) => Promise<FormInput<V, X>>;
  /** The new record's form, prefilled. */
  blank: (c: Context<AppEnv>) => FormInput<Partial<V>, X>;
  /** The record to edit (throws when it is not there or not visible). */
  load: (c: Context<AppEnv>, id: string) => Promise<R>;
  /** The edit form of `record`. */
  current: (c: Context<AppEnv>, record: R) => FormInput<V, X>;
  /** The edit page's title; `<many>.editTitle` unless given. */
  editTitle?: (c: Context<AppEnv>, record: R) => string;
  /** Creates the record; answers where the browser goes next. */
  create: (c: Context<AppEnv>, input: FormInput<V, X>) => Promise<string>;
  /** Saves the edit of `record`; answers where the browser goes next. */
  update: (c: Context<AppEnv>, record: R, input: FormInput<V, X>) => Promise<string>;
  /** The field errors of a refused save (default: the validation error's fields). */
  errorsOf?: (error: unknown, t: Translate) => FieldErrors;
  /** The module's form. */
  form: (c: Context<AppEnv>, props: RecordFormView<V, R, X>) => Child | Promise<Child>;
}

/** Registers the new and edit routes of a record on `router` (before its `:id` route). */
export function recordFormRoutes<V extends Record<string, string>, R, X = undefined>(
  router: Hono<AppEnv>,
  spec: RecordFormRoutes<V, R, X>,
): void {
  const { path, many } = spec.kind;

  const show = async (
    c: Context<AppEnv>,
    title: string,
    { record, extra, ...state }: Omit<RecordFormState<V>, "view"> & Omit<RecordFormView<V, R, X>, "state">,
    status?: Parameters<typeof formPage>[1]["status"],
  ) =>
    formPage(
      c,
      { title, list: { href: path, label: c.get("view").t(`${many}.title`) }, status },
      await spec.form(c, { state: { view: c.get("view"), ...state }, extra, record }),
    );

  const newForm = (c: Context<AppEnv>) => ({
    title: c.get("view").t(`${many}.new`),
    target: { record: null, action: path, cancel: path },
  });

  const editForm = (c: Context<AppEnv>, id: string, record: R) => ({
    title: spec.editTitle?.(c, record) ?? c.get("view").t(`${many}.editTitle`),
    target: { record, action: `${path}/${id}/edit`, cancel: `${path}/${id}` },
  });

  router.get(`${path}/new`, async (c) => {
    await spec.assertCreate(c);
    const { values, extra } = spec.blank(c);
    const { title, target } = newForm(c);
    return show(c, title, { ...target, form: emptyForm<V>(values), extra });
  });

  router.post(path, async (c) => {
    const input = await spec.read(c);
    const { title, target } = newForm(c);
    return submitForm(c, {
      values: input.values,
      save: () => spec.create(c, input),
      show: (form, status) => show(c, title, { ...target, form, extra: input.extra }, status),
      errorsOf: spec.errorsOf,
    });
  });

  router.get(`${path}/:id/edit`, async (c) => {
    const id = c.req.param("id");
    const record = await spec.load(c, id);
    const { values, extra } = spec.current(c, record);
    const { title, target } = editForm(c, id, record);
    return show(c, title, { ...target, form: emptyForm<V>(values), extra });
  });

  router.post(`${path}/:id/edit`, async (c) => {
    const id = c.req.param("id");
    const record = await spec.load(c, id);
    const input = await spec.read(c);
    const { title, target } = editForm(c, id, record);
    return submitForm(c, {
      values: input.values,
      versioned: true,
      save: () => spec.update(c, record, input),
      show: (form, status, conflict) =>
        show(c, title, { ...target, form, extra: input.extra, conflict }, status),
      errorsOf: spec.errorsOf,
    });
  });
}
