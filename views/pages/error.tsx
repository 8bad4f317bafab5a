/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";

/** Props of the error page: status and safe texts only, never internals. */
export interface ErrorPageProps {
  view: ViewContext;
  status: number;
  code: string;
  title: string;
  detail?: string;
  requestId?: string;
}

/** An error shown to a person: what happened, and what to do next. */
export function ErrorPage({ view, status, code, title, detail, requestId }: ErrorPageProps) {
  const { t } = view;
  const key = `errors.${code}`;
  const heading = t.has(`${key}.title`) ? t(`${key}.title`) : title;
  const text = t.has(`${key}.detail`) ? t(`${key}.detail`) : detail;
  return (
    <section class="error-page" aria-labelledby="error-title">
      <p class="error-code">{status}</p>
      <h1 id="error-title">{heading}</h1>
      {text ? <p>{text}</p> : null}
      {requestId ? (
        <p class="muted">
          {t("error.requestId")} <span class="mono">{requestId}</span>
        </p>
      ) : null}
      <p>
        <a class="button is-secondary" href="/">
          {t("error.home")}
        </a>
      </p>
    </section>
  );
}
