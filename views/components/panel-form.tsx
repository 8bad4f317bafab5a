/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { FormState } from "./form-field.tsx";
import { FormFields, type FormItem } from "./form-fields.tsx";
import { SubmitButton } from "./submit-button.tsx";

/** Props of a form in a panel. */
export interface PanelFormProps {
  /** Where it posts. */
  action: string;
  testid?: string;
  title: Child;
  /** A line under the title. */
  note?: Child;
  form: FormState;
  /** Its fields, side by side in a grid; the first with an error gets the focus. */
  fields: FormItem[];
  /** Below the fields (a group of checkboxes …). */
  children?: Child;
  /** The submit button's text, and its test id. */
  submit: Child;
  submitTestid?: string;
}

/** A posted form in a panel of its own: a title, its fields in a grid with their errors, a submit button. */
export function PanelForm(props: PanelFormProps) {
  return (
    <form method="post" action={props.action} class="form panel" data-testid={props.testid}>
      <h2 class="panel-title">{props.title}</h2>
      {props.note}
      <FormFields form={props.form} items={[{ kind: "group", fields: props.fields }]} />
      {props.children}
      <div class="form-actions">
        <SubmitButton testid={props.submitTestid}>{props.submit}</SubmitButton>
      </div>
    </form>
  );
}

/** Props of a row of fields ending in its submit button. */
export interface InlineFieldsProps {
  form: FormState;
  items: FormItem[];
  /** The submit button's text, and its test id. */
  submit: Child;
  testid: string;
}

/** A short form's fields in one row with the submit button at its end (a name and a limit or two). */
export function InlineFields({ form, items, submit, testid }: InlineFieldsProps) {
  return (
    <div class="form-grid is-inline">
      <FormFields form={form} items={items} />
      <div class="form-actions">
        <SubmitButton testid={testid}>{submit}</SubmitButton>
      </div>
    </div>
  );
}
