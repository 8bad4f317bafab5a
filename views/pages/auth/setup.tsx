/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type FormState, firstInvalid, TextField } from "../../components/form-field.tsx";
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
        <TextField
          name="email"
          type="email"
          label={t("users.field.email")}
          value={values.email}
          error={errors.email}
          autocomplete="email"
          required
          autofocus={focus === "email"}
        />
        <div class="form-row">
          <TextField
            name="username"
            label={t("users.field.username")}
            value={values.username}
            error={errors.username}
            help={t("users.help.username")}
            autocomplete="username"
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
            autocomplete="name"
            autofocus={focus === "displayName"}
          />
        </div>
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
