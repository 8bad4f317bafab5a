/** @jsxImportSource hono/jsx */

import type { PublicUser } from "../../../src/modules/users/service.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { CheckField, SelectField, TextField } from "../../components/form-field.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";
import type { CreateUserFormProps } from "./create-user-form.tsx";

/** A problem with one control of one user's row (a 409 or 422 answer). */
export interface RowError {
  userId: string;
  control: "role" | "active";
  message: string;
}

/** Props of one row of the users table. */
export interface UserRowProps extends Pick<CreateUserFormProps, "view" | "roles" | "passwordMinLength"> {
  user: PublicUser;
  /** The row is the viewer's own account. */
  isSelf: boolean;
  /** The error of this row's role or active control, if the last action on it failed. */
  error?: RowError;
  /** This row's reset-password dialog is open, with this problem if there was one. */
  reset?: { error?: string };
}

/** One user: who they are, their role (changeable), status, last sign-in and actions. */
export function UserRow({ view, user, isSelf, roles, passwordMinLength, error, reset }: UserRowProps) {
  const { t } = view;
  const name = user.username;
  const roleError = error?.control === "role" ? error.message : undefined;
  const activeError = error?.control === "active" ? error.message : undefined;
  // Deactivating is the danger; reactivating the expected way back.
  const toggle = user.isActive ? "deactivate" : "reactivate";
  return (
    <tr data-testid={`user-${name}`}>
      <td>
        <div class="cell-title">
          {user.displayName}
          {isSelf ? <span class="badge">{t("users.you")}</span> : null}
        </div>
        <div class="cell-sub mono">{name}</div>
      </td>
      <td class="mono nowrap">{user.email}</td>
      <td>
        <form method="post" action={`/users/${user.id}/role`} class="inline-form">
          <SelectField
            id={`role-${user.id}`}
            name="role"
            label={t("users.roleOf", { name })}
            hideLabel
            value={user.role}
            error={roleError}
            autofocus={roleError !== undefined}
            options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
          <SubmitButton variant="secondary" small>
            {t("users.saveRole")}
          </SubmitButton>
        </form>
      </td>
      <td>
        <StateBadge ok={user.isActive}>
          {t(user.isActive ? "users.status.active" : "users.status.inactive")}
        </StateBadge>
      </td>
      <TimeCell view={view} ms={user.lastLoginAt} none={t("users.never")} />
      <td>
        <div class="row-actions">
          <ConfirmAction
            view={view}
            id={`reset-${user.id}`}
            action={`/users/${user.id}/password`}
            trigger={t("users.resetPassword")}
            triggerHref={`/users?reset=${user.id}`}
            cancelHref="/users"
            title={t("users.reset.title", { name })}
            body={t(isSelf ? "users.reset.bodySelf" : "users.reset.body", { name })}
            confirm={t("users.reset.confirm", { name })}
            open={reset !== undefined}
            triggerVariant="secondary"
            testid={`reset-${name}`}
          >
            <TextField
              id={`reset-password-${user.id}`}
              name="password"
              type="password"
              label={t("users.field.newPassword")}
              error={reset?.error}
              help={t("users.help.password", { min: passwordMinLength })}
              autocomplete="new-password"
              required
              autofocus={reset !== undefined}
            />
            <CheckField
              id={`reset-keep-tokens-${user.id}`}
              name="keepApiTokens"
              label={t("users.reset.keepApiTokens")}
              checked={false}
            />
          </ConfirmAction>
          {isSelf ? null : (
            <ConfirmAction
              view={view}
              id={`mfa-reset-${user.id}`}
              action={`/users/${user.id}/mfa/reset`}
              trigger={t("users.mfaReset.trigger")}
              title={t("users.mfaReset.title", { name })}
              body={t("users.mfaReset.body", { name })}
              confirm={t("users.mfaReset.confirm")}
              testid={`mfa-reset-${name}`}
            />
          )}
          <ConfirmAction
            view={view}
            id={`${toggle}-${user.id}`}
            action={`/users/${user.id}/active`}
            fields={{ active: String(!user.isActive) }}
            trigger={t(`users.${toggle}`)}
            title={t(`users.${toggle}Dialog.title`, { name })}
            body={t(
              isSelf && user.isActive ? "users.deactivateDialog.bodySelf" : `users.${toggle}Dialog.body`,
              { name },
            )}
            confirm={t(`users.${toggle}Dialog.confirm`, { name })}
            variant={user.isActive ? "danger" : "primary"}
            testid={`${toggle}-${name}`}
          />
        </div>
        {activeError ? (
          <p class="field-error" role="alert">
            {activeError}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
