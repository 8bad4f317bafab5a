/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { Preferences } from "../../../src/modules/notifications/preferences.ts";
import { NOTIFICATION_TYPES } from "../../../src/modules/notifications/schema.ts";
import { TableHead } from "../../components/data-table.tsx";
import { CheckGroup } from "../../components/form-field.tsx";
import { choices } from "../../components/form-fields.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";

/** Props of the preferences page. */
export interface PreferencesPageProps {
  view: ViewContext;
  preferences: Preferences;
  /** Whether the server can send e-mail (`smtp.host` is set). */
  emailEnabled: boolean;
  errors: FieldErrors;
  saved: boolean;
}

/**
 * `/notifications/preferences`: per type, in the app and/or by e-mail; which alert
 * severities to hear of. Checkboxes post as `<type>.inApp`, `<type>.email`, `severity`.
 */
export function PreferencesPage({ view, preferences, emailEnabled, errors, saved }: PreferencesPageProps) {
  const { t } = view;
  return (
    <>
      <PageHead title={t("notifications.preferencesTitle")} sub={t("notifications.preferencesSub")}>
        <div class="head-actions">
          <a class={buttonClass("secondary")} href="/notifications">
            {t("notifications.title")}
          </a>
        </div>
      </PageHead>
      <Message view={view} kind="success" testid="preferences-saved">
        {saved ? t("notifications.preferencesSaved") : null}
      </Message>
      <Message view={view} kind="error" testid="preferences-error">
        {Object.values(errors).join(" ")}
      </Message>
      {emailEnabled ? null : (
        <p class="page-intro" data-testid="email-disabled">
          {t("notifications.emailDisabled")}
        </p>
      )}
      <form
        method="post"
        action="/notifications/preferences"
        class="form panel"
        data-testid="preferences-form"
      >
        <table class="table preference-table" aria-label={t("notifications.channels")}>
          <TableHead
            columns={[
              { label: t("notifications.col.type") },
              { label: t("notifications.col.inApp"), className: "is-center" },
              { label: t("notifications.col.email"), className: "is-center" },
            ]}
          />
          <tbody>
            {NOTIFICATION_TYPES.map((type) => (
              <tr>
                <td>
                  <span class="cell-title">{t(`notifications.type.${type}`)}</span>
                  <span class="field-help">{t(`notifications.typeHelp.${type}`)}</span>
                </td>
                {(["inApp", "email"] as const).map((channel) => (
                  <td class="is-center">
                    <input
                      type="checkbox"
                      name={`${type}.${channel}`}
                      checked={preferences.types[type][channel]}
                      disabled={channel === "email" && !emailEnabled}
                      aria-label={`${t(`notifications.type.${type}`)}: ${t(`notifications.col.${channel}`)}`}
                      data-testid={`pref-${type}-${channel}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <CheckGroup
          legend={t("notifications.alertSeverities")}
          help={t("notifications.alertSeveritiesHelp")}
          name="severity"
          options={choices([], SEVERITIES, (severity) => t(`severity.${severity}`))}
          checked={preferences.alertSeverities}
        />
        <div class="form-actions">
          <SubmitButton testid="save-preferences">{t("notifications.save")}</SubmitButton>
        </div>
      </form>
    </>
  );
}
