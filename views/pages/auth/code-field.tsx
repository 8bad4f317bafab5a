/** @jsxImportSource hono/jsx */
import { TextField, type TextFieldProps } from "../../components/form-field.tsx";

/**
 * The field of a second-factor code: an authenticator's 6 digits, or (`recovery`) also a
 * recovery code. Browsers and password managers offer a one-time code for it.
 */
export function CodeField({
  recovery,
  ...field
}: Pick<TextFieldProps, "label" | "id" | "error" | "help" | "autofocus"> & { recovery?: boolean }) {
  return (
    <TextField
      {...field}
      name="code"
      autocomplete="one-time-code"
      inputmode={recovery ? "text" : "numeric"}
      maxlength={recovery ? 11 : 6}
      spellcheck={false}
      required
    />
  );
}
