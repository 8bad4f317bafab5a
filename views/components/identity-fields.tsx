/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import { type FieldErrors, TextField } from "./form-field.tsx";

/** Props of the identity fields. */
export interface IdentityFieldsProps {
  view: ViewContext;
  values: Partial<Record<"email" | "username" | "displayName", string>>;
  errors: FieldErrors;
  /** Name of the field that gets the focus. */
  focus?: string;
  /** `self`: the person fills in their own account (browser autofill helps); `other`: an admin creates someone else's. */
  for: "self" | "other";
}

/** Email, username and display name of an account, as the setup and create-user forms ask for them. */
export function IdentityFields({ view, values, errors, focus, for: whose }: IdentityFieldsProps) {
  const { t } = view;
  const auto = (own: string) => (whose === "self" ? own : "off");
  return (
    <>
      <TextField
        name="email"
        type="email"
        label={t("users.field.email")}
        value={values.email}
        error={errors.email}
        autocomplete={auto("email")}
        required
        autofocus={focus === "email"}
      />
      <TextField
        name="username"
        label={t("users.field.username")}
        value={values.username}
        error={errors.username}
        help={t("users.help.username")}
        autocomplete={auto("username")}
        spellcheck={false}
        required
        autofocus={focus === "username"}
      />
      <TextField
        name="displayName"
        label={t("users.field.displayName")}
        value={values.displayName}
        error={errors.displayName}
        help={t("users.help.displayName")}
        autocomplete={auto("name")}
        autofocus={focus === "displayName"}
      />
    </>
  );
}
