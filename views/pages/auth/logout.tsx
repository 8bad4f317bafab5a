/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import { SubmitButton } from "../../components/submit-button.tsx";

/**
 * "Sign out?": what a plain link to /logout shows. Signing out takes the button's POST,
 * so a link on another site cannot end someone's session.
 */
export function LogoutPage({ view }: { view: ViewContext }) {
  const { t } = view;
  return (
    <section class="auth-card" aria-labelledby="logout-title">
      <h1 id="logout-title">{t("logout.title")}</h1>
      <p class="auth-sub">{t("logout.subtitle", { name: view.user?.name ?? "" })}</p>
      <form method="post" action="/logout" class="form" hx-boost="false">
        <SubmitButton testid="logout-confirm">{t("logout.submit")}</SubmitButton>
      </form>
      <p>
        <a href="/">{t("logout.cancel")}</a>
      </p>
    </section>
  );
}
