/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AuthLayout } from "../../views/layouts/auth.tsx";
import { Shell } from "../../views/layouts/shell.tsx";
import type { AppEnv, ViewContext } from "./context.ts";

/** A page to render: its title and the content of the main region. */
export interface PageParts {
  title: string;
  content: Child;
  /** Status of the answer; 200 unless given (422 for a form with errors, 201 after creating …). */
  status?: ContentfulStatusCode;
}

/** True for a request made by htmx (a boosted link or form, or an hx-* attribute). */
export function isHtmx(c: Context): boolean {
  return c.req.header("HX-Request") === "true";
}

/**
 * The one decision between a full document and a fragment, and between the layouts:
 * a signed-in viewer gets the shell (sidebar, header), anyone else the plain sign-in
 * layout. htmx partial requests get the main region (plus the navigation, swapped out
 * of band so the current entry follows); everything else gets the whole page. `Vary`
 * keeps caches honest. A page answering a form post (its errors, a one-time secret)
 * tells htmx not to push the post's URL: reloading it would be a GET of an action.
 */
export function renderPage(c: Context<AppEnv>, page: PageParts): Response | Promise<Response> {
  c.header("Vary", "HX-Request-Type", { append: true });
  if (page.status) c.status(page.status);
  if (c.req.method !== "GET" && isHtmx(c)) c.header("HX-Push-Url", "false");
  const view = c.get("view");
  const Layout = view.user ? Shell : AuthLayout;
  return c.html(
    <Layout view={view} title={page.title} partial={c.req.header("HX-Request-Type") === "partial"}>
      {page.content}
    </Layout>,
  );
}

/** `renderPage` for a page titled by the message `titleKey`, its content drawn with the request's view. */
export function renderViewPage(
  c: Context<AppEnv>,
  titleKey: string,
  status: ContentfulStatusCode | undefined,
  content: (view: ViewContext) => Child,
): Response | Promise<Response> {
  const view = c.get("view");
  return renderPage(c, { title: view.t(titleKey), status, content: content(view) });
}

/**
 * Redirect after a successful POST: `HX-Location` for htmx (no full reload), 303
 * otherwise so a reload does not resubmit.
 */
export function redirectAfterPost(c: Context, location: string): Response {
  if (isHtmx(c)) {
    c.header("HX-Location", JSON.stringify({ path: location, target: "#main", swap: "outerHTML" }));
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}

/**
 * The rows of a live table, for htmx (a plain request is sent to the page itself): the
 * address bar follows the filters the rows were read with, so reload and back land on
 * the same view.
 */
export function liveRows(
  c: Context,
  pageHref: string,
  rows: () => Child | Promise<Child>,
): Response | Promise<Response> {
  if (!isHtmx(c)) return c.redirect(pageHref, 303);
  c.header("HX-Replace-Url", pageHref);
  c.header("Vary", "HX-Request", { append: true });
  return (async () => c.html(<>{await rows()}</>))();
}
