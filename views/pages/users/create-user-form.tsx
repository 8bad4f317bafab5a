/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type IdentityValues, identityFields } from "../../components/account-fields.ts";
import type { FormState } from "../../components/form-field.tsx";
import { choices } from "../../components/form-fields.tsx";
import { Icon } from "../../components/icon.tsx";
import { PanelForm } from "../../components/panel-form.tsx";

/** What the create-user form keeps after an error (never the password). */
export type NewUserValues = IdentityValues & { role: string };

/** Props of the create-user form (the users page is given them too). */
export interface CreateUserFormProps {
  view: ViewContext;
  /** What was typed, and whether the form is shown expanded (the admin asked for it, or it has errors to show). */
  create: FormState<NewUserValues> & { open: boolean };
  roles: readonly string[];
  passwordMinLength: number;
}

/**
 * "Add user": a disclosure at the top of the users page holding the form (it works
 * without JavaScript). Errors come back with the form open and the typed values kept.
 */
export function CreateUserForm({ view, create: form, roles, passwordMinLength }: CreateUserFormProps) {
  const { t } = view;
  return (
    <details class="create-panel" id="new-user" open={form.open}>
      <summary class="button">
        <Icon name="user-plus" sprite={view.asset("vendor/icons.svg")} />
        {t("users.add")}
      </summary>
      <PanelForm
        action="/users"
        testid="create-user-form"
        title={t("users.addTitle")}
        form={{ values: { ...form.values, role: form.values.role ?? "viewer" }, errors: form.errors }}
        fields={[
          ...identityFields(view, "other"),
          {
            kind: "select",
            name: "role",
            label: t("users.field.role"),
            help: t("users.help.role"),
            options: choices([], roles, (role) => t(`roles.${role}`)),
          },
          {
            kind: "text",
            name: "password",
            type: "password",
            label: t("users.field.initialPassword"),
            help: t("users.help.initialPassword", { min: passwordMinLength }),
            autocomplete: "new-password",
            required: true,
          },
        ]}
        submit={t("users.create")}
        submitTestid="create-user-submit"
      />
    </details>
  );
}
