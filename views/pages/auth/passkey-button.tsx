/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { TextField } from "../../components/form-field.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

/**
 * A button that runs a WebAuthn ceremony (public/js/passkeys.js): asks `<route>/options` for
 * the challenge, lets the browser create or use a passkey, posts the answer to `route`, then
 * goes where the answer says. Problems show in the live region under it. Needs JavaScript
 * (WebAuthn has no form equivalent), so it starts hidden and the script shows it.
 */
export function PasskeyButton({
  view,
  mode,
  route,
  label,
  variant = "secondary",
  nameField,
  confirmField,
}: {
  view: ViewContext;
  mode: "sign-in" | "register";
  /** The ceremony's route: `<route>/options` gives the challenge, `route` takes the answer. */
  route: string;
  label: string;
  variant?: "primary" | "secondary";
  /** Id of the input holding the new passkey's name (register). */
  nameField?: string;
  /** Id of the input holding the password or code that confirms the signed-in user (register on the profile). */
  confirmField?: string;
}) {
  return (
    <div
      class="passkey-action"
      data-passkey={mode}
      data-options={`${route}/options`}
      data-verify={route}
      data-name-field={nameField}
      data-confirm-field={confirmField}
    >
      <button
        type="button"
        class={`${buttonClass(variant)} passkey-button`}
        data-testid={`passkey-${mode}`}
        hidden
      >
        {label}
      </button>
      <p class="field-error passkey-error" role="alert" data-testid={`passkey-${mode}-error`} hidden />
      <noscript>
        <p class="muted">{view.t("mfa.passkey.needsScript")}</p>
      </noscript>
    </div>
  );
}

/**
 * A name for a new passkey and the button that creates it (profile, or an enrolment at sign-in).
 * With `confirm` (the profile), the signed-in user first confirms with their password or a
 * current code: a session alone must not add a way to sign in.
 */
export function NewPasskey({
  view,
  route,
  confirm,
}: {
  view: ViewContext;
  route: string;
  confirm?: boolean;
}) {
  const { t } = view;
  return (
    <div class="passkey-new">
      <TextField
        name="passkeyName"
        id="new-passkey-name"
        label={t("mfa.passkey.newName")}
        value={t("mfa.passkey.defaultName")}
        maxlength={60}
      />
      {confirm ? (
        <TextField
          name="passkeyConfirm"
          id="new-passkey-confirm"
          type="password"
          label={t("mfa.passkey.confirm")}
          autocomplete="current-password"
          maxlength={200}
        />
      ) : null}
      <PasskeyButton
        view={view}
        mode="register"
        route={route}
        label={t("mfa.passkey.add")}
        nameField="new-passkey-name"
        confirmField={confirm ? "new-passkey-confirm" : undefined}
      />
    </div>
  );
}
