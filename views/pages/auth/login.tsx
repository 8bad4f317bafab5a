/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Language } from "../../../src/lib/i18n.ts";
import { type FormState, firstInvalid, HiddenFields, TextField } from "../../components/form-field.tsx";
import { LanguageLinks } from "../../components/language-links.tsx";
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
  /** The single sign-on providers, in configured order: a button each starts the sign-in there. */
  providers?: readonly { id: string; name: string }[];
  /** Who may use the password form (`auth.localSignIn`): "off" hides it. */
  localSignIn?: "everyone" | "admins" | "off";
  /** Why a single sign-on attempt got no session, in words the person can act on. */
  problem?: string;
  /** The shipped languages, offered as links for the page (and the session after it). */
  languages?: readonly Language[];
}

/** The sign-in page: single sign-on buttons, then email or username and password. */
export function LoginPage({
  view,
  form,
  refused,
  providers = [],
  localSignIn = "everyone",
  problem,
  languages = [],
}: LoginPageProps) {
  const { t } = view;
  const { values, errors } = form;
  const focus = firstInvalid(errors, ["login", "password"]) ?? (values.login ? "password" : "login");
  const next = values.next ? `?next=${encodeURIComponent(values.next)}` : "";
  return (
    <section class="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      <p class="auth-sub">{t("login.subtitle", { host: view.hostName })}</p>
      {refused ? (
        <Message view={view} kind="error" testid="login-refused">
          {t("login.refused")}
        </Message>
      ) : null}
      <Message view={view} kind="error" testid="sso-refused">
        {problem}
      </Message>
      {providers.length > 0 ? (
        <div class="sso-buttons">
          {providers.map((p) => (
            <a
              class="button is-secondary sso-button"
              href={`/auth/oidc/${p.id}/start${next}`}
              data-testid={`sso-${p.id}`}
            >
              {t("login.sso", { name: p.name })}
            </a>
          ))}
        </div>
      ) : null}
      {localSignIn === "off" ? null : (
        <>
          {providers.length > 0 ? (
            <p class="auth-divider muted">
              {t(localSignIn === "admins" ? "login.passwordAdminsOnly" : "login.orPassword")}
            </p>
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
              autofocus={providers.length === 0 && focus === "login"}
            />
            <TextField
              name="password"
              type="password"
              label={t("login.password")}
              error={errors.password}
              autocomplete="current-password"
              required
              autofocus={providers.length === 0 && focus === "password"}
            />
            <SubmitButton testid="login-submit">{t("login.submit")}</SubmitButton>
          </form>
          <PasskeyButton view={view} mode="sign-in" route="/login/passkey" label={t("mfa.passkey.signIn")} />
          <p class="auth-note muted">{t("login.forgotten")}</p>
        </>
      )}
      <LanguageLinks view={view} languages={languages} keep={{ next: values.next ?? "" }} />
    </section>
  );
}
