/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type FormState, firstInvalid, TextField } from "../../components/form-field.tsx";
import { IdentityFields } from "../../components/identity-fields.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** What the setup form keeps after an error (never the passwords). */
export interface SetupValues extends Record<string, string> {
  email: string;
  username: string;
  displayName: string;
}

/** The setup form's fields, in order (the first with an error gets the focus). */
export const SETUP_FIELDS = ["email", "username", "displayName", "password", "confirm"] as const;

/** Props of the first-run setup page. */
export interface SetupPageProps {
  view: ViewContext;
  form: FormState<SetupValues>;
  passwordMinLength: number;
}

/** First run: create the first administrator, who is then signed in. */
export function SetupPage({ view, form, passwordMinLength }: SetupPageProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, SETUP_FIELDS) ?? "email";
  return (
    <section class="auth-card is-wide" aria-labelledby="setup-title">
      <h1 id="setup-title">{t("setup.title")}</h1>
      <p class="auth-sub">{t("setup.subtitle")}</p>
      <form method="post" action="/setup" class="form">
        <IdentityFields view={view} values={values} errors={errors} focus={focus} for="self" />
        <div class="form-row">
          <TextField
            name="password"
            type="password"
            label={t("users.field.password")}
            error={errors.password}
            help={t("users.help.password", { min: passwordMinLength })}
            autocomplete="new-password"
            required
            autofocus={focus === "password"}
          />
          <TextField
            name="confirm"
            type="password"
            label={t("setup.confirm")}
            error={errors.confirm}
            autocomplete="new-password"
            required
            autofocus={focus === "confirm"}
          />
        </div>
        <SubmitButton testid="setup-submit">{t("setup.submit")}</SubmitButton>
      </form>
    </section>
  );
}
