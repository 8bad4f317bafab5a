/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";
import type { MessageParams } from "../../src/lib/i18n.ts";

/** Props of the error page: status and safe texts only, never internals. */
export interface ErrorPageProps {
  view: ViewContext;
  status: number;
  code: string;
  title: string;
  detail?: string;
  requestId?: string;
  /** Values for the catalog's texts of this error (e.g. `seconds` to wait after a 429). */
  params?: MessageParams;
  /** What was wrong with each field of a refused input (a 422), by field. */
  fields?: Record<string, string>;
}

/**
 * The catalog entry of an error: `errors.<code>`, or a more specific one where the page
 * matters (too many attempts on the sign-in page are about signing in).
 */
function messageKey(code: string, path: string): string {
  return code === "rate_limited" && path === "/login" ? "errors.login_rate_limited" : `errors.${code}`;
}

/**
 * An error shown to a person: what happened, and what to do next. Signed-in viewers
 * are led back to the dashboard, anyone else to the sign-in page.
 */
export function ErrorPage({
  view,
  status,
  code,
  title,
  detail,
  requestId,
  params,
  fields = {},
}: ErrorPageProps) {
  const { t } = view;
  const key = messageKey(code, view.path);
  const heading = t.has(`${key}.title`) ? t(`${key}.title`, params) : title;
  // A general text of this kind of error where the catalog has one, else the error's own, in the viewer's language.
  const text = t.has(`${key}.detail`) ? t(`${key}.detail`, params) : detail && t.fieldMessage(detail);
  return (
    <section class="error-page" aria-labelledby="error-title">
      <p class="error-code">{status}</p>
      <h1 id="error-title">{heading}</h1>
      {text ? <p>{text}</p> : null}
      {Object.keys(fields).length > 0 ? (
        <ul class="error-fields" data-testid="error-fields">
          {Object.entries(fields).map(([field, message]) => (
            <li>
              <span class="mono">{field}</span>: {t.fieldMessage(message)}
            </li>
          ))}
        </ul>
      ) : null}
      {requestId ? (
        <p class="muted">
          {t("error.requestId")} <span class="mono">{requestId}</span>
        </p>
      ) : null}
      <p>
        {view.user ? (
          <a class="button is-secondary" href="/">
            {t("error.home")}
          </a>
        ) : (
          <a class="button is-secondary" href="/login" hx-boost="false">
            {t("error.signIn")}
          </a>
        )}
      </p>
    </section>
  );
}
