/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { RecordFields } from "../../src/kit/record-form-fields.ts";
import type { RecordKind } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import { FormActions } from "./form-actions.tsx";
import type { FormState } from "./form-field.tsx";
import { type FieldBuilders, FormFields, type FormItem, fieldBuilders } from "./form-fields.tsx";
import { Message } from "./message.tsx";

/** What every record form is given: the values and errors, where it posts and where Cancel leads. */
export interface RecordFormState {
  view: ViewContext;
  form: FormState;
  /** Where the form posts: the list's path (create) or `:id/edit`. */
  action: string;
  /** Where Cancel leads. */
  cancel: string;
  /** A problem with the whole form (someone else changed the record meanwhile). */
  conflict?: string;
}

/**
 * A record's form as the kit shows it, with what the module read for it (`P`): what a form's
 * items are drawn from.
 */
export type RecordFormData<R, P = unknown, L extends string = never> = RecordFormState & {
  /** The record edited; null on the new form. */
  record: R | null;
  /** The multi-selects' choices (see `lists`). */
  lists: Record<L, string[]>;
} & P;

/**
 * A record form declared once, beside the items that draw its fields: what each field means
 * (`fields`: how the record shows in it and how what was typed becomes the service's input)
 * and the multi-selects posted beside them (`lists`). `P` is what the module reads for each
 * request (`props` of `recordForm`: the people to assign …).
 */
export interface RecordFormSpec<R, P = unknown, L extends string = never> {
  /** The fields by name, in the form's order. */
  fields: RecordFields<R>;
  /** Multi-selects posted beside the fields (chosen ids), given to the service as lists, and a record's. */
  lists?: { names: readonly L[]; current: (record: R) => Record<L, string[]> };
  /** The form's items, drawn by the builders bound to the view and the kind (see `RecordForm`). */
  items: (fields: FieldBuilders, form: RecordFormData<R, P, L>) => FormItem[];
  /** An extra class of the form. */
  class?: string;
  /** A note shown above the fields. */
  note?: (form: RecordFormData<R, P, L>) => Child;
}

/** Props of a record's create and edit form. */
export interface RecordFormProps extends Omit<RecordFormState, "form"> {
  kind: RecordKind;
  /** The values and errors of the fields described by `items`. */
  form?: FormState;
  /**
   * The fields, described as data by the builders bound to the view and the kind (the first
   * is focused on a new record's form).
   */
  items?: (fields: FieldBuilders) => FormItem[];
  /** The version edited; empty when creating (`form`'s unless given). */
  version?: string;
  /** An extra class of the form. */
  class?: string;
  /** A note shown above the fields. */
  note?: Child;
  /** Fields of its own (a form that does not describe them as `items`). */
  children?: Child;
}

/**
 * The create and edit form of a record: the conflict message, the version edited (posted
 * back for the optimistic check), the fields, and Cancel with Create or Save. The kit's form
 * routes draw it for every declared record form (`RecordFormSpec`); values kept and errors
 * shown beside each field after a 422 or 409.
 */
export function RecordForm({
  view,
  kind,
  action,
  cancel,
  conflict,
  form,
  items,
  version = form?.values.version,
  note,
  children,
  ...rest
}: RecordFormProps) {
  const { t } = view;
  const editing = Boolean(version);
  const fields = items?.(fieldBuilders(view, kind.many));
  return (
    <form
      method="post"
      action={action}
      class={rest.class ? `form panel ${rest.class}` : "form panel"}
      data-testid={`${kind.one}-form`}
      novalidate
    >
      <Message view={view} kind="error" testid={`${kind.one}-conflict`}>
        {conflict}
      </Message>
      {note}
      {editing ? <input type="hidden" name="version" value={version} /> : null}
      {form && fields ? (
        <FormFields form={form} focus={editing ? undefined : "first"} items={fields} />
      ) : null}
      {children}
      <FormActions
        view={view}
        cancel={cancel}
        submit={editing ? t(`${kind.many}.save`) : t(`${kind.many}.create`)}
        testid={`${kind.one}-submit`}
      />
    </form>
  );
}
