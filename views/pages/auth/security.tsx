/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { TableHead } from "../../components/data-table.tsx";
import { TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { CodeField } from "./code-field.tsx";
import { NewPasskey } from "./passkey-button.tsx";
import { TotpEnrolForm, type TotpEnrolmentView } from "./totp-enrol.tsx";

/** Props of the two-factor page of the profile. */
export interface SecurityPageProps {
  view: ViewContext;
  totp: boolean;
  recoveryLeft: number;
  passkeys: { id: string; name: string; createdAt: number; lastUsedAt: number | null }[];
  /** The role requires a second factor (`auth.requireMfaFor`). */
  required: boolean;
  /** An authenticator enrolment under way. */
  enrolment?: TotpEnrolmentView;
  /** A problem with a form, keyed by the form (`enrol`, `disable`, `recovery`, `passkey-<id>`). */
  errors?: Record<string, string>;
  /** What was just done. */
  notice?: string | null;
}

/** "Two-factor sign-in": the authenticator app, the recovery codes and the passkeys of the signed-in user. */
export function SecurityPage(props: SecurityPageProps) {
  const { view, errors = {} } = props;
  const { t } = view;
  return (
    <>
      <PageHead
        title={t("mfa.security.title")}
        sub={t(props.required ? "mfa.security.required" : "mfa.security.sub")}
      />
      <Message view={view} kind="success" testid="security-notice">
        {props.notice}
      </Message>
      <section class="panel" aria-labelledby="totp-title" data-testid="totp-panel">
        <h2 class="panel-title" id="totp-title">
          {t("mfa.security.app")}
        </h2>
        {props.enrolment ? (
          <TotpEnrolForm
            view={view}
            action="/profile/security/totp"
            enrolment={props.enrolment}
            error={errors.enrol}
          />
        ) : props.totp ? (
          <>
            <p>
              <span class="badge is-ok">{t("mfa.security.on")}</span>{" "}
              {t("mfa.security.recoveryLeft", { count: props.recoveryLeft })}
            </p>
            <div class="mfa-actions">
              <CodeForm
                view={view}
                action="/profile/security/recovery"
                testid="recovery-form"
                error={errors.recovery}
              >
                {t("mfa.security.newCodes")}
              </CodeForm>
              <CodeForm
                view={view}
                action="/profile/security/totp/disable"
                testid="disable-form"
                error={errors.disable}
                danger
              >
                {t("mfa.security.turnOff")}
              </CodeForm>
            </div>
          </>
        ) : (
          <>
            <p class="muted">{t("mfa.security.appHelp")}</p>
            <a class={buttonClass("primary")} href="/profile/security/totp" data-testid="totp-start">
              {t("mfa.security.setUp")}
            </a>
          </>
        )}
      </section>
      <section class="panel" aria-labelledby="passkeys-title" data-testid="passkeys-panel">
        <h2 class="panel-title" id="passkeys-title">
          {t("mfa.security.passkeys")}
        </h2>
        <p class="muted">{t("mfa.security.passkeysHelp")}</p>
        {props.passkeys.length > 0 ? (
          <table class="table" aria-label={t("mfa.security.passkeys")}>
            <TableHead
              columns={[
                { label: t("mfa.passkey.name") },
                { label: t("mfa.passkey.created") },
                { label: t("mfa.passkey.lastUsed") },
                { label: t("common.actions"), hideLabel: true },
              ]}
            />
            <tbody>
              {props.passkeys.map((key) => (
                <tr data-testid={`passkey-${key.id}`}>
                  <td>
                    <form
                      method="post"
                      action={`/profile/security/passkeys/${key.id}/name`}
                      class="inline-form"
                      hx-boost="false"
                    >
                      <TextField
                        name="name"
                        id={`passkey-name-${key.id}`}
                        label={t("mfa.passkey.name")}
                        hideLabel
                        value={key.name}
                        maxlength={60}
                        error={errors[`passkey-${key.id}`]}
                        required
                      />
                      <SubmitButton variant="secondary" small>
                        {t("mfa.passkey.rename")}
                      </SubmitButton>
                    </form>
                  </td>
                  <TimeCell view={view} ms={key.createdAt} />
                  <TimeCell view={view} ms={key.lastUsedAt} none={t("mfa.passkey.never")} />
                  <td>
                    <ConfirmAction
                      view={view}
                      id={`delete-passkey-${key.id}`}
                      action={`/profile/security/passkeys/${key.id}/delete`}
                      trigger={t("mfa.passkey.delete")}
                      title={t("mfa.passkey.deleteTitle", { name: key.name })}
                      body={t("mfa.passkey.deleteBody")}
                      confirm={t("mfa.passkey.delete")}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <NewPasskey view={view} route="/profile/security/passkeys" confirm />
      </section>
    </>
  );
}

/** A form asking for a current code before a change. */
function CodeForm({
  view,
  action,
  testid,
  error,
  danger,
  children,
}: {
  view: ViewContext;
  action: string;
  testid: string;
  error?: string;
  danger?: boolean;
  children: string;
}) {
  return (
    <form method="post" action={action} class="form code-form" hx-boost="false" data-testid={testid}>
      <CodeField id={`${testid}-code`} label={view.t("mfa.currentCode")} error={error} recovery />
      <SubmitButton variant={danger ? "danger" : "secondary"}>{children}</SubmitButton>
    </form>
  );
}
