/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { type FormState, firstInvalid, HiddenFields, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { PasskeyButton } from "./passkey-button.tsx";

/** What the sign-in form keeps between attempts (never the password). */
export interface LoginValues extends Record<string, string> {
  login: string;
  /** Where to go once signed in (a local path, checked again on the server). */
  next: string;
}

/** Props of the sign-in page. */
export interface LoginPageProps {
  view: ViewContext;
  form: FormState<LoginValues>;
  /** The credentials were refused: wrong login or password (which one is never said). */
  refused?: boolean;
  /** A half-finished two-factor sign-in ended (expired, too many wrong codes). */
  expired?: boolean;
}

/** The sign-in form: email or username, password. */
export function LoginPage({ view, form, refused, expired }: LoginPageProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, ["login", "password"]) ?? (values.login ? "password" : "login");
  return (
    <section class="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p class="auth-sub">{t("login.subtitle", { host: view.hostName })}</p>
      {refused ? (
        <Message view={view} kind="error" testid="login-refused">
          {t("login.refused")}
        </Message>
      ) : null}
      {expired ? (
        <Message view={view} kind="error" testid="mfa-expired">
          {t("mfa.prompt.expired")}
        </Message>
      ) : null}
      <form method="post" action="/login" class="form">
        <HiddenFields fields={values.next ? { next: values.next } : undefined} />
        <TextField
          name="login"
          label={t("login.login")}
          value={values.login}
          error={errors.login}
          autocomplete="username"
          spellcheck={false}
          required
          autofocus={focus === "login"}
        />
        <TextField
          name="password"
          type="password"
          label={t("login.password")}
          error={errors.password}
          autocomplete="current-password"
          required
          autofocus={focus === "password"}
        />
        <SubmitButton testid="login-submit">{t("login.submit")}</SubmitButton>
      </form>
      <PasskeyButton
        view={view}
        mode="sign-in"
        options="/login/passkey/options"
        verify="/login/passkey"
        label={t("mfa.passkey.signIn")}
      />
      <p class="auth-note muted">{t("login.forgotten")}</p>
    </section>
  );
}
