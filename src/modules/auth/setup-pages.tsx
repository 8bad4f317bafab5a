/** @jsxImportSource hono/jsx */
import { type Context, Hono } from "hono";
import { type IdentityValues, identityValues } from "../../../views/components/account-fields.ts";
import { emptyForm, type FormState } from "../../../views/components/form-field.tsx";
import { SetupPage } from "../../../views/pages/auth/setup.tsx";
import type { AppDeps } from "../../deps.ts";
import { coreDeps } from "../../kit/core-deps.ts";
import { formErrors, optional, parseForm, readForm } from "../../kit/forms.ts";
import type { AppEnv } from "../../lib/context.ts";
import { type FieldErrors, NotFound } from "../../lib/errors.ts";
import { renderViewPage } from "../../lib/htmx.tsx";
import { languagesOf } from "../../lib/i18n.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { setSessionCookies } from "../../lib/session-cookies.ts";
import { newUserSchema, withPasswordPolicy } from "../users/account-input.ts";
import { createFirstAdmin } from "../users/accounts.ts";
import { countUsers } from "../users/service.ts";
import { login } from "./sessions.ts";

/**
 * First run (only while no user exists; afterwards 404):
 * - GET  /setup   the form for the first administrator
 * - POST /setup   create them, sign them in, go to the dashboard
 */
export function setupPages(deps: AppDeps): Hono<AppEnv> {
  const svc = coreDeps(deps);
  const router = new Hono<AppEnv>();
  const assertFirstRun = async () => {
    if ((await countUsers(svc.db)) > 0) throw new NotFound("Setup is complete. Sign in instead.");
  };

  router.get("/setup", async (c) => {
    await assertFirstRun();
    return showSetup(c, deps, emptyForm<IdentityValues>());
  });

  router.post("/setup", async (c) => {
    await assertFirstRun();
    const form = await readForm(c);
    const values = identityValues(form);
    const password = form.password ?? "";
    try {
      const mismatch: FieldErrors =
        password === form.confirm ? {} : { confirm: c.get("view").t("setup.mismatch") };
      const input = await parseForm(
        withPasswordPolicy(newUserSchema.omit({ role: true }), deps.config),
        { ...values, displayName: optional(values.displayName), password },
        mismatch,
      );
      const facts = requestFacts(c, deps.config);
      const admin = await createFirstAdmin(svc, input, facts);
      setSessionCookies(c, await login(svc, { login: admin.username, password }, facts), deps.config.get());
      return c.redirect("/", 303);
    } catch (error) {
      return showSetup(c, deps, { values, errors: formErrors(error, c.get("view").t) });
    }
  });
  return router;
}

function showSetup(c: Context<AppEnv>, deps: AppDeps, form: FormState<IdentityValues>) {
  return renderViewPage(c, "setup.title", Object.keys(form.errors).length > 0 ? 422 : undefined, (view) => (
    <SetupPage
      view={view}
      form={form}
      passwordMinLength={deps.config.get().auth.passwordMinLength}
      languages={languagesOf(deps.catalogs.locales)}
    />
  ));
}
