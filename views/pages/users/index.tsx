/** @jsxImportSource hono/jsx */
import type { PublicUser } from "../../../src/modules/users/service.ts";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { CreateUserForm, type CreateUserFormProps } from "./create-user-form.tsx";
import { type RowError, UserRow } from "./user-row.tsx";

/** Props of the users page: plain data, all loaded by the route. */
export interface UsersPageProps extends CreateUserFormProps {
  users: PublicUser[];
  /** The viewer's own user id (their row is marked). */
  currentUserId: string;
  rowError?: RowError;
  /** The user whose reset-password dialog is open, and its problem if any. */
  reset?: { userId: string; error?: string };
  /** What was just done, to confirm at the top of the page. */
  notice: string | null;
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
