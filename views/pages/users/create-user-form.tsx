/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FormState } from "../../components/form-field.tsx";
import { choices, FormFields } from "../../components/form-fields.tsx";
import { Icon } from "../../components/icon.tsx";
import { identityFields } from "../../components/identity-fields.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** What the create-user form keeps after an error (never the password). */
export interface NewUserValues extends Record<string, string> {
  email: string;
  username: string;
  displayName: string;
  role: string;
}

/** Props of the create-user form. */
export interface CreateUserFormProps {
  view: ViewContext;
  form: FormState<NewUserValues>;
  /** Shown expanded (the admin asked for it, or it has errors to show). */
  open: boolean;
  roles: readonly string[];
  passwordMinLength: number;
}

/**
 * "Add user": a disclosure at the top of the users page holding the form (it works
 * without JavaScript). Errors come back with the form open and the typed values kept.
 */
export function CreateUserForm({ view, form, open, roles, passwordMinLength }: CreateUserFormProps) {
  const { t } = view;
  return (
    <details class="create-panel" id="new-user" open={open}>
      <summary class="button">
        <Icon name="user-plus" sprite={view.asset("vendor/icons.svg")} />
        {t("users.add")}
      </summary>
      <form method="post" action="/users" class="form panel" data-testid="create-user-form">
        <h2 class="panel-title">{t("users.addTitle")}</h2>
        <FormFields
          form={{ values: { ...form.values, role: form.values.role ?? "viewer" }, errors: form.errors }}
          items={[
            {
              kind: "group",
              fields: [
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
              ],
            },
          ]}
        />
        <div class="form-actions">
          <SubmitButton testid="create-user-submit">{t("users.create")}</SubmitButton>
        </div>
      </form>
    </details>
  );
}
