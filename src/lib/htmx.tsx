/** @jsxImportSource hono/jsx */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { Shell } from "../../views/layouts/shell.tsx";
import type { AppEnv } from "./context.ts";

/** A page to render: its title and the content of the main region. */
export interface PageParts {
  title: string;
  content: Child;
}

/** True when htmx asks only for a fragment (`HX-Request-Type: partial`). */
export function isPartial(c: Context): boolean {
  return c.req.header("HX-Request-Type") === "partial";
}

/**
 * The one decision between a full document and a fragment. htmx partial requests get
 * the main region (plus the navigation, swapped out of band so the current entry
 * follows); everything else gets the whole page. `Vary` keeps caches honest.
 */
export function renderPage(c: Context<AppEnv>, page: PageParts): Response | Promise<Response> {
  c.header("Vary", "HX-Request-Type", { append: true });
  const view = c.get("view");
  return c.html(
    <Shell view={view} title={page.title} partial={isPartial(c)}>
      {page.content}
    </Shell>,
  );
}

/**
 * Redirect after a successful POST: `HX-Location` for htmx (no full reload), 303
 * otherwise so a reload does not resubmit.
 */
export function redirectAfterPost(c: Context, location: string): Response {
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Location", JSON.stringify({ path: location, target: "#main", swap: "outerHTML" }));
    return c.body(null, 204);
  }
  return c.redirect(location, 303);
}
