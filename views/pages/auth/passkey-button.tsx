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
}: {
  view: ViewContext;
  mode: "sign-in" | "register";
  /** The ceremony's route: `<route>/options` gives the challenge, `route` takes the answer. */
  route: string;
  label: string;
  variant?: "primary" | "secondary";
  /** Id of the input holding the new passkey's name (register). */
  nameField?: string;
}) {
  return (
    <div
      class="passkey-action"
      data-passkey={mode}
      data-options={`${route}/options`}
      data-verify={route}
      data-name-field={nameField}
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

/** A name for a new passkey and the button that creates it (profile, or an enrolment at sign-in). */
export function NewPasskey({ view, route }: { view: ViewContext; route: string }) {
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
      <PasskeyButton
        view={view}
        mode="register"
        route={route}
        label={t("mfa.passkey.add")}
        nameField="new-passkey-name"
      />
    </div>
  );
}
