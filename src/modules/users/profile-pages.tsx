/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { ProfilePage, type ProfileValues } from "../../../views/pages/profile/index.tsx";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, parseForm, readForm } from "../../kit/forms.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import type { FieldErrors } from "../../lib/errors.ts";
import { redirectAfterPost, renderViewPage } from "../../lib/htmx.tsx";
import { languagesOf } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { setSessionCookies } from "../../lib/session-cookies.ts";
import { login } from "../auth/sessions.ts";
import { changeOwnPassword, passwordChangeSchema, profileSchema, updateProfile } from "./profile.ts";
import { getSelf } from "./service.ts";

interface ProfileState {
  profile?: FormState<ProfileValues>;
  password?: FormState<Record<string, string>>;
  done?: "profile" | "password";
}

/**
 * The signed-in user's own account (any role):
 * - GET  /profile            name, language, password forms; `?saved=profile|password` confirms
 * - POST /profile            change display name and language
 * - POST /profile/password   change the password (the current one is asked); this browser stays signed in;
 *                            API tokens are revoked unless `keepApiTokens` is ticked
 */
export function profilePages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();
  const languages = languagesOf(deps.catalogs.locales);

  const show = async (c: Context<AppEnv>, state: ProfileState, status?: ContentfulStatusCode) => {
    const actor = actorOf(c);
    const me = await getSelf(svc, actor);
    const locale = actor.type === "system" ? null : (actor.locale ?? null);
    return renderViewPage(c, "profile.title", status, (view) => (
      <ProfilePage
        view={view}
        account={me}
        profile={
          state.profile ?? emptyForm<ProfileValues>({ displayName: me.displayName, locale: locale ?? "" })
        }
        password={state.password ?? emptyForm()}
        languages={languages}
        passwordMinLength={deps.config.get().auth.passwordMinLength}
        done={state.done}
      />
    ));
  };

  router.get("/profile", (c) => {
    const saved = c.req.query("saved");
    return show(c, { done: saved === "profile" || saved === "password" ? saved : undefined });
  });

  router.post("/profile", async (c) => {
    const form = await readForm(c);
    const { displayName = "", locale = "" } = form;
    const values: ProfileValues = { displayName, locale };
    try {
      const input = await parseForm(profileSchema(deps.catalogs.locales), {
        displayName,
        locale: locale || null,
      });
      await updateProfile(svc, actorOf(c), input, requestFacts(c, deps.config));
      return redirectAfterPost(c, "/profile?saved=profile");
    } catch (error) {
      return show(c, { profile: { values, errors: formErrors(error, c.get("view").t) } }, 422);
    }
  });

  router.post("/profile/password", async (c) => {
    const form = await readForm(c);
    try {
      const mismatch: FieldErrors =
        form.password === form.confirm ? {} : { confirm: c.get("view").t("setup.mismatch") };
      const input = await parseForm(
        passwordChangeSchema(deps.config),
        {
          current: form.current ?? "",
          password: form.password ?? "",
          keepApiTokens: form.keepApiTokens === "on",
        },
        mismatch,
      );
      const facts = requestFacts(c, deps.config);
      const { username } = await changeOwnPassword(svc, actorOf(c), input, facts);
      // Every session ended with the change; this browser signs in again with the new password.
      const pair = await login(svc, { login: username, password: input.password }, facts);
      setSessionCookies(c, pair, deps.config.get());
      return redirectAfterPost(c, "/profile?saved=password");
    } catch (error) {
      return show(c, { password: { values: {}, errors: formErrors(error, c.get("view").t) } }, 422);
    }
  });

  return router;
}
