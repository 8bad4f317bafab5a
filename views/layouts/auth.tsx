/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";
import { DocumentHead, documentTitle, themeAttribute } from "./document-head.tsx";

/** Props of the sign-in layout. */
export interface AuthLayoutProps {
  view: ViewContext;
  title: string;
  /** Only the title and the main region (an htmx partial swap). */
  partial?: boolean;
  children?: Child;
}

/**
 * The layout of pages seen without a session (sign in, first-run setup, their errors):
 * no navigation, no user menu, the content centred under the product name. Forms here
 * are plain HTML posts, not boosted: signing in ends in a full page load anyway.
 */
export function AuthLayout({ view, title, partial, children }: AuthLayoutProps) {
  const main = (
    <main id="main" class="auth-main" tabindex={-1}>
      {children}
    </main>
  );
  if (partial) {
    return (
      <>
        <title>{documentTitle(title)}</title>
        {main}
      </>
    );
  }
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={view.locale} data-theme={themeAttribute(view)}>
        <DocumentHead view={view} title={documentTitle(title)} />
        <body class="auth-body">
          <div class="auth-frame">
            <p class="auth-brand">
              <img src={view.asset("img/favicon.svg")} alt="" width="28" height="28" />
              <span>Warden</span>
            </p>
            {main}
            <p class="auth-foot muted">
              <span class="mono">{view.hostName}</span> · Warden {view.version}
            </p>
          </div>
        </body>
      </html>
    </>
  );
}
