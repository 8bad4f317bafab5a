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

/**
 * After signing out of a session that began at a single sign-on provider: Warden's session has
 * ended; the page goes on to the provider's end-session address by itself (a refresh, since the
 * sign-out form may only submit to Warden: CSP `form-action 'self'`) and offers the link too.
 */
export function ProviderLogoutPage({
  view,
  url,
  provider,
}: {
  view: ViewContext;
  url: string;
  provider: string;
}) {
  const { t } = view;
  return (
    <section class="auth-card" aria-labelledby="logout-title">
      <meta http-equiv="refresh" content={`0;url=${url}`} />
      <h1 id="logout-title">{t("logout.done")}</h1>
      <p class="auth-sub">{t("logout.atProvider", { provider })}</p>
      <p>
        <a class="button is-secondary sso-button" href={url} data-testid="provider-logout">
          {t("logout.continueAtProvider", { provider })}
        </a>
      </p>
    </section>
  );
}
