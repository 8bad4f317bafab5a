/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { newPasswordFields } from "../../components/account-fields.ts";
import type { FormState } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { PanelForm } from "../../components/panel-form.tsx";

/** What the profile form holds. */
export interface ProfileValues extends Record<string, string> {
  displayName: string;
  /** A locale code, or "" to follow the browser. */
  locale: string;
}

/** Props of the profile page. */
export interface ProfilePageProps {
  view: ViewContext;
  account: { username: string; email: string; role: string };
  profile: FormState<ProfileValues>;
  password: FormState<Record<string, string>>;
  /** Locale codes with their names in their own language. */
  languages: { code: string; name: string }[];
  passwordMinLength: number;
  /** What was just saved, for the confirmation. */
  done?: "profile" | "password";
}

/** The signed-in user's own account: name, language, password. */
export function ProfilePage(props: ProfilePageProps) {
  const { view, account, done } = props;
  const { t } = view;
  return (
    <>
      <PageHead
        title={t("profile.title")}
        sub={
          <>
            <span class="mono">{account.username}</span> · {account.email} · {t(`roles.${account.role}`)}
          </>
        }
      />
      {done ? (
        <Message view={view} kind="success" testid="profile-saved">
          {t(done === "profile" ? "profile.saved" : "profile.passwordChanged")}
        </Message>
      ) : null}
      <section class="panel" aria-labelledby="security-title">
        <h2 class="panel-title" id="security-title">
          {t("profile.security")}
        </h2>
        <p>
          <a href="/profile/security" data-testid="security-link">
            {t("profile.securityLink")}
          </a>
        </p>
      </section>
      <PanelForm
        action="/profile"
        testid="profile-form"
        title={t("profile.details")}
        form={props.profile}
        fields={[
          {
            kind: "text",
            name: "displayName",
            label: t("users.field.displayName"),
            autocomplete: "name",
            required: true,
          },
          {
            kind: "select",
            name: "locale",
            label: t("profile.language"),
            help: t("profile.languageHelp"),
            options: [
              { value: "", label: t("profile.followBrowser") },
              ...props.languages.map((l) => ({ value: l.code, label: l.name })),
            ],
          },
        ]}
        submit={t("profile.save")}
      />
      <PanelForm
        action="/profile/password"
        testid="password-form"
        title={t("profile.changePassword")}
        note={<p class="muted panel-note">{t("profile.passwordHint")}</p>}
        form={props.password}
        fields={[
          {
            kind: "text",
            name: "current",
            type: "password",
            label: t("profile.currentPassword"),
            autocomplete: "current-password",
            required: true,
          },
          ...newPasswordFields(view, t("profile.newPassword"), props.passwordMinLength),
          { kind: "check", name: "keepApiTokens", label: t("profile.keepApiTokens") },
        ]}
        submit={t("profile.changePassword")}
      />
    </>
  );
}
