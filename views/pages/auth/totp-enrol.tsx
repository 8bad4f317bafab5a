/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { SubmitButton } from "../../components/submit-button.tsx";
import { CodeField } from "./code-field.tsx";

/** What the enrolment shows: the QR code (SVG drawn on the server) and the same secret to type. */
export interface TotpEnrolmentView {
  secret: string;
  qrSvg: string;
}

/** The secret in groups of four, easier to type. */
function grouped(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(" ") ?? secret;
}

/**
 * Setting up an authenticator app: scan the QR code (or type the secret), then type the
 * first code it shows. Used on the profile and at a sign-in that requires a second factor.
 */
export function TotpEnrolForm({
  view,
  action,
  enrolment,
  error,
}: {
  view: ViewContext;
  action: string;
  enrolment: TotpEnrolmentView;
  error?: string;
}) {
  const { t } = view;
  return (
    <form method="post" action={action} class="form totp-enrol" hx-boost="false" data-testid="totp-enrol">
      <ol class="totp-steps">
        <li>{t("mfa.enrol.scan")}</li>
        <li>{t("mfa.enrol.type")}</li>
      </ol>
      <div class="totp-qr" role="img" aria-label={t("mfa.enrol.qrLabel")}>
        {raw(enrolment.qrSvg)}
      </div>
      <p class="totp-secret-line">
        {t("mfa.enrol.secret")}{" "}
        <code class="mono totp-secret" data-testid="totp-secret" data-secret={enrolment.secret}>
          {grouped(enrolment.secret)}
        </code>
      </p>
      <CodeField label={t("mfa.code")} error={error} autofocus />
      <SubmitButton testid="totp-confirm">{t("mfa.enrol.confirm")}</SubmitButton>
    </form>
  );
}
