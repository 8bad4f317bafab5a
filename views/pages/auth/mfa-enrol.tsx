/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { NewPasskey } from "./passkey-button.tsx";
import { TotpEnrolForm, type TotpEnrolmentView } from "./totp-enrol.tsx";

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
