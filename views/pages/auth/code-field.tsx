/** @jsxImportSource hono/jsx */
import { TextField } from "../../components/form-field.tsx";

/**
 * The field of a second-factor code: an authenticator's 6 digits, or (`recovery`) also a
 * recovery code. Browsers and password managers offer a one-time code for it.
 */
export function CodeField(props: {
  label: string;
  id?: string;
  error?: string;
  help?: string;
  recovery?: boolean;
  autofocus?: boolean;
}) {
  return (
    <TextField
      name="code"
      id={props.id}
      label={props.label}
      help={props.help}
      error={props.error}
      autocomplete="one-time-code"
      inputmode={props.recovery ? "text" : "numeric"}
      maxlength={props.recovery ? 11 : 6}
      spellcheck={false}
      required
      autofocus={props.autofocus}
    />
  );
}
