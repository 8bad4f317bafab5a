/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { identityValues } from "../../../views/components/account-fields.ts";
import { emptyForm } from "../../../views/components/form-field.tsx";
import {
  type NewUserValues,
  type RowError,
  UsersPage,
  type UsersPageProps,
} from "../../../views/pages/users/index.tsx";
import { ROLES } from "../../db/schema/users.ts";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, optional, parseForm, readForm, refusalText } from "../../kit/forms.ts";
import { noticeReader } from "../../kit/record-pages.tsx";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { resetSecondFactor } from "../auth/mfa-service.ts";
import { newUserInput, passwordResetSchema, userPatchSchema } from "./account-input.ts";
import { createUser } from "./accounts.ts";
import { resetPassword } from "./password-change.ts";
import { listUsers, updateUser } from "./service.ts";

/** What the users page shows besides the list: the create form, a failed row, an open dialog. */
type UsersState = Pick<UsersPageProps, "create" | "rowError" | "reset">;

/**
 * User administration (admin; the services refuse everyone else with 403):
 * - GET  /users                 the list and the "Add user" form; `?reset=<id>` opens that
 *                               user's reset dialog (the no-JavaScript way), `?notice=<kind>&id=<id>`
 *                               confirms what was just done
 * - POST /users                 create a user
 * - POST /users/:id/role        change the role
 * - POST /users/:id/active      `active=false` deactivates, `active=true` reactivates
 * - POST /users/:id/password    set a new password (ends the user's sessions)
 * - POST /users/:id/mfa/reset   remove the user's second factors (see resetSecondFactor)
 */
export function usersPages(deps: AppDeps): Hono<AppEnv> {
  // The notifier tells a user whose second factors were reset.
  const svc = { ...coreDeps(deps), notifier: deps.notifier };
  const router = new Hono<AppEnv>();

  const show = async (c: Context<AppEnv>, state: Partial<UsersState>, status?: ContentfulStatusCode) => {
    const actor = actorOf(c);
    const users = await listUsers(svc, actor);
    // `?notice=<kind>&id=<id>`: what was just done to that user.
    const named = users.find((u) => u.id === c.req.query("id"));
    const notice = named ? noticeReader("users", () => ({ name: named.username }))(c) : null;
    return renderViewPage(c, "users.title", status, (view) => (
      <UsersPage
        view={view}
        users={users}
        currentUserId={actor.id ?? ""}
        roles={ROLES}
        passwordMinLength={deps.config.get().auth.passwordMinLength}
        create={state.create ?? { ...emptyForm<NewUserValues>(), open: false }}
        rowError={state.rowError}
        reset={state.reset}
        notice={notice}
      />
    ));
  };

  /** Re-renders the list with the problem beside the row's control: 409 for a conflict, 422 for bad input. */
  const showRowError = (c: Context<AppEnv>, userId: string, control: RowError["control"], error: unknown) => {
    if (error instanceof Conflict)
      return show(c, { rowError: { userId, control, message: refusalText(error, c.get("view").t) } }, 409);
    const message = Object.values(formErrors(error, c.get("view").t))[0] ?? "";
    return show(c, { rowError: { userId, control, message } }, 422);
  };

  /** `POST /users/:id/<control>`: `act` changes the user from the form; a refusal shows beside that control of the row. */
  const rowAction = (
    control: RowError["control"],
    act: (c: Context<AppEnv>, id: string, form: Record<string, string>) => Promise<Response>,
  ) =>
    router.post(`/users/:id/${control}`, async (c) => {
      const id = c.req.param("id");
      const form = await readForm(c);
      try {
        return await act(c, id, form);
      } catch (error) {
        return showRowError(c, id, control, error);
      }
    });

  /** Where a done change goes: the list with its notice (a key of `users.notice`) about user `id`. */
  const done = (kind: "created" | "role" | "reactivated" | "deactivated" | "password" | "mfa", id: string) =>
    `/users?notice=${kind}&id=${encodeURIComponent(id)}`;

  router.get("/users", (c) => {
    const reset = c.req.query("reset");
    return show(c, { reset: reset ? { userId: reset } : undefined });
  });

  router.post("/users", async (c) => {
    const form = await readForm(c);
    const values: NewUserValues = { ...identityValues(form), role: form.role ?? "" };
    try {
      const input = await parseForm(newUserInput(svc), {
        ...values,
        displayName: optional(values.displayName),
        password: form.password ?? "",
      });
      const user = await createUser(svc, actorOf(c), input, requestFacts(c, deps.config));
      return redirectAfterPost(c, done("created", user.id));
    } catch (error) {
      return show(c, { create: { values, errors: formErrors(error, c.get("view").t), open: true } }, 422);
    }
  });

  rowAction("role", async (c, id, form) => {
    const patch = await parseForm(userPatchSchema, { role: form.role || undefined });
    const actor = actorOf(c);
    await updateUser(svc, actor, id, patch, requestFacts(c, deps.config));
    // Admins who give up their own admin role can no longer see this page.
    return redirectAfterPost(c, id === actor.id && patch.role !== "admin" ? "/" : done("role", id));
  });

  rowAction("active", async (c, id, form) => {
    const isActive = form.active === "true" ? true : form.active === "false" ? false : undefined;
    if (isActive === undefined) throw new Validation({ active: c.get("view").t("users.badActive") });
    await updateUser(svc, actorOf(c), id, { isActive }, requestFacts(c, deps.config));
    return redirectAfterPost(c, done(isActive ? "reactivated" : "deactivated", id));
  });

  router.post("/users/:id/password", async (c) => {
    const id = c.req.param("id");
    const form = await readForm(c);
    try {
      const input = await parseForm(passwordResetSchema, {
        password: form.password ?? "",
        keepApiTokens: form.keepApiTokens === "on",
      });
      await resetPassword(svc, actorOf(c), id, input, requestFacts(c, deps.config));
      return redirectAfterPost(c, done("password", id));
    } catch (error) {
      const errors = formErrors(error, c.get("view").t);
      return show(c, { reset: { userId: id, error: errors.password ?? Object.values(errors)[0] } }, 422);
    }
  });

  router.post("/users/:id/mfa/reset", async (c) => {
    const id = c.req.param("id");
    await resetSecondFactor(svc, actorOf(c), id, requestFacts(c, deps.config));
    return redirectAfterPost(c, done("mfa", id));
  });

  return router;
}
