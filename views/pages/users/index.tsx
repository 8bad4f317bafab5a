/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { PublicUser } from "../../../src/modules/users/service.ts";
import { type IdentityValues, identityFields } from "../../components/account-fields.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import { CheckField, type FormState, SelectField, TextField } from "../../components/form-field.tsx";
import { choices } from "../../components/form-fields.tsx";
import { Icon } from "../../components/icon.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { PanelForm } from "../../components/panel-form.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { StateBadge } from "../../components/state-badge.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** What the create-user form keeps after an error (never the password). */
export type NewUserValues = IdentityValues & { role: string };

/** A problem with one control of one user's row (a 409 or 422 answer). */
export interface RowError {
  userId: string;
  control: "role" | "active";
  message: string;
}

/** Props of the users page: plain data, all loaded by the route. */
export interface UsersPageProps {
  view: ViewContext;
  users: PublicUser[];
  /** The viewer's own user id (their row is marked). */
  currentUserId: string;
  roles: readonly string[];
  passwordMinLength: number;
  /** What was typed in "Add user", and whether it is shown expanded (asked for, or with errors to show). */
  create: FormState<NewUserValues> & { open: boolean };
  rowError?: RowError;
  /** The user whose reset-password dialog is open, and its problem if any. */
  reset?: { userId: string; error?: string };
  /** What was just done, to confirm at the top of the page. */
  notice: string | null;
}

/**
 * "Add user": a disclosure at the top of the users page holding the form (it works
 * without JavaScript). Errors come back with the form open and the typed values kept.
 */
function CreateUserForm({ view, create: form, roles, passwordMinLength }: UsersPageProps) {
  const { t } = view;
  return (
    <details class="create-panel" id="new-user" open={form.open}>
      <summary class="button">
        <Icon name="user-plus" sprite={view.asset("vendor/icons.svg")} />
        {t("users.add")}
      </summary>
      <PanelForm
        action="/users"
        testid="create-user-form"
        title={t("users.addTitle")}
        form={{ values: { ...form.values, role: form.values.role ?? "viewer" }, errors: form.errors }}
        fields={[
          ...identityFields(view, "other"),
          {
            kind: "select",
            name: "role",
            label: t("users.field.role"),
            help: t("users.help.role"),
            options: choices([], roles, (role) => t(`roles.${role}`)),
          },
          {
            kind: "text",
            name: "password",
            type: "password",
            label: t("users.field.initialPassword"),
            help: t("users.help.initialPassword", { min: passwordMinLength }),
            autocomplete: "new-password",
            required: true,
          },
        ]}
        submit={t("users.create")}
        submitTestid="create-user-submit"
      />
    </details>
  );
}

/** Props of one row of the users table. */
interface UserRowProps extends Pick<UsersPageProps, "view" | "roles" | "passwordMinLength"> {
  user: PublicUser;
  /** The row is the viewer's own account. */
  isSelf: boolean;
  /** The error of this row's role or active control, if the last action on it failed. */
  error?: RowError;
  /** This row's reset-password dialog is open, with this problem if there was one. */
  reset?: { error?: string };
}

/** One user: who they are, their role (changeable), status, last sign-in and actions. */
function UserRow({ view, user, isSelf, roles, passwordMinLength, error, reset }: UserRowProps) {
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

/** User administration: everyone who can sign in, their roles and status, and adding users. */
export function UsersPage(props: UsersPageProps) {
  const { view, users, rowError, reset, notice } = props;
  const { t, fmt } = view;
  const admins = users.filter((u) => u.role === "admin" && u.isActive).length;
  const inactive = users.filter((u) => !u.isActive).length;
  const failedFor = rowError ? users.find((u) => u.id === rowError.userId) : undefined;
  return (
    <>
      <PageHead
        title={t("users.title")}
        subClass="num"
        sub={t("users.counts", {
          users: fmt.number(users.length),
          admins: fmt.number(admins),
          inactive: fmt.number(inactive),
        })}
      />
      <Message view={view} kind="success" testid="notice">
        {notice}
      </Message>
      {rowError && failedFor ? (
        <Message view={view} kind="error" testid="row-error">
          {t("users.rowFailed", { name: failedFor.username, message: rowError.message })}
        </Message>
      ) : null}
      <CreateUserForm {...props} />
      <DataTable
        {...namedTable(view, "users", users.length, [
          "user",
          "email",
          "role",
          "status",
          "lastLogin",
          "actions",
        ])}
      >
        {users.map((user) => (
          <UserRow
            view={view}
            user={user}
            isSelf={user.id === props.currentUserId}
            roles={props.roles}
            passwordMinLength={props.passwordMinLength}
            error={rowError?.userId === user.id ? rowError : undefined}
            reset={reset?.userId === user.id ? { error: reset.error } : undefined}
          />
        ))}
      </DataTable>
    </>
  );
}
