import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldSpec } from "./form-fields.tsx";

/* The fields of an account that the setup, create-user and profile forms ask for alike. */

/** An account's identity as the setup and create-user forms keep it after an error. */
export type IdentityValues = ReturnType<typeof identityValues>;

/** The identity fields of a posted form, as typed. */
export function identityValues(form: Record<string, string>) {
  return { email: form.email ?? "", username: form.username ?? "", displayName: form.displayName ?? "" };
}

/**
 * Email, username and display name of an account, as the setup and create-user forms ask
 * for them (described fields for `FormFields`). `self`: the person fills in their own
 * account (browser autofill helps); `other`: an admin creates someone else's.
 */
export function identityFields(view: ViewContext, whose: "self" | "other"): FieldSpec[] {
  const { t } = view;
  const auto = (own: string) => (whose === "self" ? own : "off");
  return [
    {
      kind: "text",
      name: "email",
      type: "email",
      label: t("users.field.email"),
      autocomplete: auto("email"),
      required: true,
    },
    {
      kind: "text",
      name: "username",
      label: t("users.field.username"),
      help: t("users.help.username"),
      autocomplete: auto("username"),
      spellcheck: false,
      required: true,
    },
    {
      kind: "text",
      name: "displayName",
      label: t("users.field.displayName"),
      help: t("users.help.displayName"),
      autocomplete: auto("name"),
    },
  ];
}

/**
 * A new password and its confirmation (described fields for `FormFields`), as the setup
 * and password-change forms ask for them; `label` names the first.
 */
export function newPasswordFields(view: ViewContext, label: string, minLength: number): FieldSpec[] {
  const { t } = view;
  return [
    {
      kind: "text",
      name: "password",
      type: "password",
      label,
      help: t("users.help.password", { min: minLength }),
      autocomplete: "new-password",
      required: true,
    },
    {
      kind: "text",
      name: "confirm",
      type: "password",
      label: t("setup.confirm"),
      autocomplete: "new-password",
      required: true,
    },
  ];
}
