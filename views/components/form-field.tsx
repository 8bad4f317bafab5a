/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { FieldErrors } from "../../src/lib/errors.ts";

/** What a form view takes: the values as typed (never a password) and the problem of each field. */
export interface FormState<V extends Record<string, string> = Record<string, string>> {
  values: Partial<V>;
  errors: FieldErrors;
}

/** An empty form: nothing typed, no errors. */
export function emptyForm<V extends Record<string, string>>(values: Partial<V> = {}): FormState<V> {
  return { values, errors: {} };
}

/** Props every field shares. */
interface FieldBase {
  name: string;
  label: string;
  /** The problem with this field, shown under it in the danger colour. */
  error?: string;
  /** A hint shown under the field. */
  help?: string;
  /** Element id; `field-<name>` unless given (give one when a page repeats a field name). */
  id?: string;
  required?: boolean;
  /** Focus this field on load (the first field with an error). */
  autofocus?: boolean;
  /** The label is read by screen readers but not shown (a compact control inside a table row). */
  hideLabel?: boolean;
}

/** A text-like input field. */
export interface TextFieldProps extends FieldBase {
  type?: "text" | "email" | "password" | "number" | "date" | "datetime-local" | "search";
  /** The value to show; ignored for passwords, which are never sent back to the browser. */
  value?: string;
  autocomplete?: string;
  placeholder?: string;
  min?: number;
  max?: number;
  maxlength?: number;
  inputmode?: "numeric" | "text" | "email";
  spellcheck?: boolean;
}

/** A multi-line text field. */
export interface TextAreaFieldProps extends FieldBase {
  value?: string;
  rows?: number;
  maxlength?: number;
  placeholder?: string;
}

/** A select field. */
export interface SelectFieldProps extends FieldBase {
  value?: string;
  options: { value: string; label: string }[];
  /** Several choices: the form sends one value per chosen option; `values` are those chosen. */
  multiple?: boolean;
  values?: readonly string[];
  /** Rows shown at once (a multiple select). */
  size?: number;
}

/** The first of `order` that has an error: the field to focus after a failed submit. */
export function firstInvalid(errors: FieldErrors, order: readonly string[]): string | undefined {
  return order.find((name) => errors[name] !== undefined);
}

function ids(props: FieldBase) {
  const id = props.id ?? `field-${props.name}`;
  const help = props.help ? `${id}-help` : undefined;
  const error = props.error ? `${id}-error` : undefined;
  return { id, help, error, describedBy: [error, help].filter(Boolean).join(" ") || undefined };
}

/** The id and name a field's control starts with. */
function controlName(props: FieldBase) {
  return { id: ids(props).id, name: props.name };
}

/** What a field's control ends with: whether it is invalid, and its error and help texts. */
function controlNotes(props: FieldBase) {
  return { "aria-invalid": props.error ? "true" : undefined, "aria-describedby": ids(props).describedBy };
}

/** The error (if any), then the help text, under a field's control. */
function FieldNotes({ props }: { props: FieldBase }) {
  const { help, error } = ids(props);
  return (
    <>
      {props.error ? (
        <p class="field-error" id={error}>
          {props.error}
        </p>
      ) : null}
      {props.help ? (
        <p class="field-help" id={help}>
          {props.help}
        </p>
      ) : null}
    </>
  );
}

/** Label above the control, then the error (if any), then the help text. */
function FieldFrame({ props, control }: { props: FieldBase; control: Child }) {
  const { id } = ids(props);
  return (
    <div class={`field${props.error ? " has-error" : ""}`}>
      <label for={id} class={props.hideLabel ? "visually-hidden" : "field-label"}>
        {props.label}
      </label>
      {control}
      <FieldNotes props={props} />
    </div>
  );
}

/** A labelled input with its help and error texts wired to it (`aria-describedby`, `aria-invalid`). */
export function TextField(props: TextFieldProps) {
  const type = props.type ?? "text";
  const control = (
    <input
      {...controlName(props)}
      type={type}
      class="input"
      value={type === "password" ? undefined : props.value}
      required={props.required}
      autofocus={props.autofocus}
      autocomplete={props.autocomplete}
      placeholder={props.placeholder}
      min={props.min}
      max={props.max}
      maxlength={props.maxlength}
      inputmode={props.inputmode}
      spellcheck={props.spellcheck}
      {...controlNotes(props)}
    />
  );
  return <FieldFrame props={props} control={control} />;
}

/** A labelled textarea with its help and error texts wired to it. */
export function TextAreaField(props: TextAreaFieldProps) {
  const control = (
    <textarea
      {...controlName(props)}
      class="input textarea"
      rows={props.rows ?? 6}
      maxlength={props.maxlength}
      placeholder={props.placeholder}
      required={props.required}
      autofocus={props.autofocus}
      {...controlNotes(props)}
    >
      {props.value ?? ""}
    </textarea>
  );
  return <FieldFrame props={props} control={control} />;
}

/** A labelled select with its help and error texts wired to it. */
export function SelectField(props: SelectFieldProps) {
  const control = (
    <select
      {...controlName(props)}
      class="input"
      required={props.required}
      autofocus={props.autofocus}
      multiple={props.multiple}
      size={props.size}
      {...controlNotes(props)}
    >
      {props.options.map((option) => (
        <option
          value={option.value}
          selected={props.multiple ? props.values?.includes(option.value) : option.value === props.value}
        >
          {option.label}
        </option>
      ))}
    </select>
  );
  return <FieldFrame props={props} control={control} />;
}

/** A labelled file input (the form posts `multipart/form-data`) with its help text wired to it. */
export function FileField(props: FieldBase & { accept: string }) {
  const control = (
    <input
      {...controlName(props)}
      type="file"
      class="input"
      accept={props.accept}
      required={props.required}
      {...controlNotes(props)}
    />
  );
  return <FieldFrame props={props} control={control} />;
}

/** Hidden inputs for fixed values of a form. */
export function HiddenFields({ fields }: { fields?: Record<string, string> }) {
  if (!fields) return null;
  return (
    <>
      {Object.entries(fields).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A labelled checkbox (posts `on` when ticked), with its help and error texts wired to it. */
export function CheckField(props: FieldBase & { checked: boolean }) {
  return (
    <div class={`field check-field${props.error ? " has-error" : ""}`}>
      <label class="check-label">
        <input
          type="checkbox"
          name={props.name}
          id={ids(props).id}
          checked={props.checked}
          autofocus={props.autofocus}
          {...controlNotes(props)}
        />
        {props.label}
      </label>
      <FieldNotes props={props} />
    </div>
  );
}

/** Props of a group of checkboxes posting one field several times. */
export interface CheckGroupProps {
  legend: string;
  /** The field each checked box posts its value as. */
  name: string;
  options: { value: string; label: string }[];
  /** The values checked. */
  checked: readonly string[];
  help?: string;
  error?: string;
  /** Labels in monospace (identifiers such as event names). */
  mono?: boolean;
}

/** A fieldset of checkboxes on one wrapping row, with its help and error texts. */
export function CheckGroup({ legend, name, options, checked, help, error, mono }: CheckGroupProps) {
  return (
    <fieldset class={`field check-group${error ? " has-error" : ""}`}>
      <legend>{legend}</legend>
      {help ? <p class="field-help">{help}</p> : null}
      <div class="check-row">
        {options.map((option) => (
          <label class={`check-label${mono ? " mono" : ""}`}>
            <input
              type="checkbox"
              name={name}
              value={option.value}
              checked={checked.includes(option.value)}
              aria-invalid={error ? "true" : undefined}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? <p class="field-error">{error}</p> : null}
    </fieldset>
  );
}
