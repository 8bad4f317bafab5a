/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ChoosablePerson } from "../../src/kit/active-user.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import type { Translate } from "../../src/lib/i18n.ts";
import {
  CheckField,
  type FormState,
  firstInvalid,
  SelectField,
  type SelectFieldProps,
  TextAreaField,
  type TextAreaFieldProps,
  TextField,
  type TextFieldProps,
} from "./form-field.tsx";

/** What every described field leaves to the form: its value, its error and its focus. */
type Described<P> = Omit<P, "value" | "values" | "error" | "autofocus" | "checked">;

/**
 * One field of a form, described as data: the control (`text` with its input `type`,
 * `textarea`, `select`, `multi` for a multiple select, `check`) and its label, help and
 * limits. Its value and error come from the form's `{ values, errors }` by name.
 */
export type FieldSpec =
  | ({ kind: "text" } & Described<TextFieldProps>)
  | ({ kind: "textarea" } & Described<TextAreaFieldProps>)
  /** `fallback`: the value shown while none is typed (the default choice). */
  | ({ kind: "select"; fallback?: string } & Described<SelectFieldProps>)
  /** `values`: the choices made (a multiple select posts one value per choice). */
  | ({ kind: "multi"; values: readonly string[] } & Described<SelectFieldProps>)
  /** Posts `on` when ticked. */
  | ({ kind: "check" } & Pick<TextFieldProps, "name" | "label" | "help">);

/** Fields side by side (`class`: `form-grid` unless given). */
export interface FieldGroup {
  kind: "group";
  class?: string;
  fields: FormItem[];
}

/** Anything else the form shows between its fields (a note, a fixed value). */
export interface FormNote {
  kind: "note";
  content: Child;
}

/** An entry of a described form; `null` leaves it out (a field only some forms have). */
export type FormItem = FieldSpec | FieldGroup | FormNote | null;

/** A choice of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** The choices of a select: `lead` (an empty "any" or "choose" choice …), then one per value, labelled by `label`. */
export function choices(
  lead: Choice[],
  values: readonly string[],
  label: (value: string) => string,
): Choice[] {
  return [...lead, ...values.map((value) => ({ value, label: label(value) }))];
}

/** The choices of a select of records or people: `lead` (nobody, anyone …), then each by name. */
export function namedChoices(lead: Choice[], items: readonly { id: string; name: string }[]): Choice[] {
  return [...lead, ...items.map((item) => ({ value: item.id, label: item.name }))];
}

/** The choices of a select of records known by their title (incidents, cases): `lead`, then each by title. */
export function titledChoices(lead: Choice[], items: readonly { id: string; title: string }[]): Choice[] {
  return [...lead, ...items.map((item) => ({ value: item.id, label: item.title }))];
}

/** How a choice's values are labelled: a message key prefix (`<prefix>.<value>`), or a function of the value. */
export type ValueLabels = string | ((value: string) => string);

/**
 * How a form's select is labelled and led: `<many>.field.<label>` (`label`: `name` unless
 * given), each value `<many>.<label>.<value>` unless `labels` says otherwise, `lead` a
 * message key of an empty first choice.
 */
export interface ChoiceFieldSpec {
  label?: string;
  labels?: ValueLabels;
  lead?: string;
  required?: boolean;
  /** The value shown while none is chosen (the default). */
  fallback?: string;
  /** A message key of the field's help. */
  help?: string;
}

/** How a select of people (assignee, owner …) is labelled: `<many>.<section>.<label>`. */
export interface PersonSelect {
  label: string;
  /** A message key of the choice of nobody. */
  none: string;
}

/** The label of each value of a select of `many`'s field `label` (see {@link ValueLabels}). */
export function valueLabels(view: ViewContext, many: string, label: string, labels?: ValueLabels) {
  if (typeof labels === "function") return labels;
  const prefix = labels ?? `${many}.${label}`;
  return (value: string) => view.t(`${prefix}.${value}`);
}

/**
 * A select of people (one no longer active marked so): nobody (`none`) first (after anyone, `<many>.filter.anyone`, in a
 * filter), then each by name.
 */
export function personSelect(
  view: ViewContext,
  many: string,
  name: string,
  people: readonly ChoosablePerson[],
  field: PersonSelect,
  section: "field" | "filter",
): FieldSpec {
  const { t } = view;
  const anyone = section === "filter" ? [{ value: "", label: t(`${many}.filter.anyone`) }] : [];
  const nobody = { value: section === "filter" ? "none" : "", label: t(field.none) };
  const named = people.map((p) =>
    p.inactive ? { id: p.id, name: t("common.inactivePerson", { name: p.name }) } : p,
  );
  const options = namedChoices([...anyone, nobody], named);
  return { kind: "select", name, label: t(`${many}.${section}.${field.label}`), options };
}

/** A record form's field builders, bound to its view and kind: given to `RecordForm`'s `items`. */
export interface FieldBuilders {
  t: Translate;
  /** A text field labelled `<many>.field.<name>`; a textarea of `rows` lines when given. */
  text: (name: string, spec?: TextSpec) => FieldSpec;
  /** A select of one of `values` (see {@link ChoiceFieldSpec}). */
  choice: (name: string, values: readonly string[], spec?: ChoiceFieldSpec) => FieldSpec;
  /** A select of people, nobody first (see {@link PersonSelect}). */
  person: (name: string, people: readonly ChoosablePerson[], spec: PersonSelect) => FieldSpec;
}

/** A text field's input type, limits and texts, and the `rows` of a textarea. */
type TextSpec = Omit<Described<TextFieldProps>, "name" | "label"> & { rows?: number };

/**
 * The text fields of a form of `many`: `text(name, spec)` is one labelled `<many>.field.<name>`
 * with its input type, limits and texts in `spec`; a textarea of `rows` lines when given.
 */
export function textFields(view: ViewContext, many: string) {
  return (name: string, spec: TextSpec = {}): FieldSpec => {
    const { rows, ...rest } = spec;
    const label = view.t(`${many}.field.${name}`);
    return rows ? { kind: "textarea", name, label, rows, ...rest } : { kind: "text", name, label, ...rest };
  };
}

/** The field builders of a form of `many`, bound to `view` (see {@link FieldBuilders}). */
export function fieldBuilders(view: ViewContext, many: string): FieldBuilders {
  const { t } = view;
  return {
    t,
    text: textFields(view, many),
    choice: (name, values, { label = name, labels, lead, required, fallback, help } = {}) => ({
      kind: "select",
      name,
      label: t(`${many}.field.${label}`),
      ...(required ? { required } : {}),
      ...(fallback ? { fallback } : {}),
      ...(help ? { help: t(help) } : {}),
      options: choices(
        lead ? [{ value: "", label: t(lead) }] : [],
        values,
        valueLabels(view, many, label, labels),
      ),
    }),
    person: (name, people, spec) => personSelect(view, many, name, people, spec, "field"),
  };
}

/** Props of described form fields. */
export interface FormFieldsProps {
  form: FormState;
  items: FormItem[];
  /**
   * Which field gets the focus: the first with an error (default), that or else the first
   * field (`first`: a new record's form), or none (a filter bar).
   */
  focus?: "first" | "none";
}

/** The fields of `items` in the order shown (groups opened). */
export function fieldsOf(items: FormItem[]): FieldSpec[] {
  return items.flatMap((item) =>
    item === null || item.kind === "note" ? [] : item.kind === "group" ? fieldsOf(item.fields) : [item],
  );
}

/** One described field with its value and error from the form. */
function Field({ spec, form, focus }: { spec: FieldSpec; form: FormState; focus: boolean }) {
  const value = form.values[spec.name];
  const error = form.errors[spec.name];
  switch (spec.kind) {
    case "text": {
      const { kind: _, ...props } = spec;
      return <TextField {...props} value={value} error={error} autofocus={focus} />;
    }
    case "textarea": {
      const { kind: _, ...props } = spec;
      return <TextAreaField {...props} value={value} error={error} autofocus={focus} />;
    }
    case "select": {
      const { kind: _, fallback, ...props } = spec;
      return (
        <SelectField {...props} value={value ? value : (fallback ?? value)} error={error} autofocus={focus} />
      );
    }
    case "multi": {
      const { kind: _, ...props } = spec;
      return <SelectField {...props} multiple error={error} autofocus={focus} />;
    }
    case "check": {
      const { kind: _, ...props } = spec;
      return <CheckField {...props} checked={value === "on"} error={error} autofocus={focus} />;
    }
  }
}

/**
 * A form's fields from their description: each with the value as typed and its error
 * beside it; the first field with an error gets the focus (see `focus`).
 */
export function FormFields({ form, items, focus: focusing }: FormFieldsProps) {
  const fields = fieldsOf(items);
  const invalid = firstInvalid(
    form.errors,
    fields.map((f) => f.name),
  );
  const focus =
    focusing === "none" ? undefined : (invalid ?? (focusing === "first" ? fields[0]?.name : undefined));
  const render = (list: FormItem[]): Child =>
    list.map((item) => {
      if (item === null) return null;
      if (item.kind === "note") return item.content;
      if (item.kind === "group") return <div class={item.class ?? "form-grid"}>{render(item.fields)}</div>;
      return <Field spec={item} form={form} focus={item.name === focus} />;
    });
  return <>{render(items)}</>;
}
