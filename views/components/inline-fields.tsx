/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { FormState } from "./form-field.tsx";
import { FormFields, type FormItem } from "./form-fields.tsx";
import { SubmitButton } from "./submit-button.tsx";

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
