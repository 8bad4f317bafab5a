/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { Message } from "../../components/message.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import { CodeField } from "./code-field.tsx";
import { NewPasskey, PasskeyButton } from "./passkey-button.tsx";
import { TotpEnrolForm, type TotpEnrolmentView } from "./totp-enrol.tsx";

/** Props of the second step of a sign-in. */
export interface MfaPromptProps {
  view: ViewContext;
  /** The account has an authenticator app (else only passkeys). */
  totp: boolean;
  /** The account has passkeys. */
  passkeys: boolean;
  /** The last code was refused. */
  error?: string;
}

/** "Two-factor sign-in": the authenticator or recovery code, or one of the account's passkeys. */
export function MfaPrompt({ view, totp, passkeys, error }: MfaPromptProps) {
  const { t } = view;
  return (
    <section class="auth-card" aria-labelledby="mfa-title">
      <h1 id="mfa-title">{t("mfa.prompt.title")}</h1>
      <p class="auth-sub">{t(totp ? "mfa.prompt.subtitle" : "mfa.prompt.passkeyOnly")}</p>
      <Message view={view} kind="error" testid="mfa-refused">
        {error}
      </Message>
      {totp ? (
        <form method="post" action="/login/mfa" class="form" hx-boost="false">
          <CodeField label={t("mfa.code")} help={t("mfa.prompt.recoveryHelp")} recovery autofocus />
          <SubmitButton testid="mfa-submit">{t("mfa.prompt.submit")}</SubmitButton>
        </form>
      ) : null}
      {passkeys ? (
        <PasskeyButton
          view={view}
          mode="sign-in"
          route="/login/mfa/passkey"
          label={t("mfa.prompt.usePasskey")}
          variant={totp ? "secondary" : "primary"}
        />
      ) : null}
      <p class="auth-note">
        <a href="/login">{t("mfa.prompt.restart")}</a>
      </p>
    </section>
  );
}

/**
 * The enrolment a sign-in leads to when the user's role requires a second factor and they
 * have none: nothing else opens until it is done.
 */
export function MfaEnrolPage({
  view,
  enrolment,
  error,
}: {
  view: ViewContext;
  enrolment: TotpEnrolmentView;
  error?: string;
}) {
  const { t } = view;
  return (
    <section class="auth-card is-wide" aria-labelledby="enrol-title">
      <h1 id="enrol-title">{t("mfa.enrol.title")}</h1>
      <p class="auth-sub">{t("mfa.enrol.required")}</p>
      <TotpEnrolForm view={view} action="/login/enrol" enrolment={enrolment} error={error} />
      <h2 class="enrol-or">{t("mfa.enrol.orPasskey")}</h2>
      <NewPasskey view={view} route="/login/enrol/passkey" />
      <p class="auth-note">
        <a href="/login">{t("mfa.prompt.restart")}</a>
      </p>
    </section>
  );
}
