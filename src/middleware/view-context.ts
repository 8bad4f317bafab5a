import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { AssetTable } from "../lib/assets.ts";
import type { AppEnv, ViewContext } from "../lib/context.ts";
import { createFormatter } from "../lib/format.ts";
import type { Catalogs } from "../lib/i18n.ts";

/** Cookie holding the theme choice (set by public/js/app.js). */
export const THEME_COOKIE = "warden_theme";
/** Cookie holding the viewer's IANA time zone (set by public/js/app.js). */
export const TZ_COOKIE = "warden_tz";

/** Options of the view context. */
export interface ViewContextOptions {
  catalogs: Catalogs;
  assets: AssetTable;
  /** Page paths mounted in this app (filled once routes are mounted). */
  pages: ReadonlySet<string>;
  hostName: string;
  version: string;
}

/**
 * Builds the per-request view context: locale (user preference later, then
 * `Accept-Language`), time zone and theme from cookies, translate and format helpers.
 */
export function viewContext(options: ViewContextOptions): MiddlewareHandler<AppEnv> {
  return async function viewContextMiddleware(c, next) {
    const locale = options.catalogs.negotiate(null, c.req.header("Accept-Language"));
    const theme = getCookie(c, THEME_COOKIE);
    const view: ViewContext = {
      t: options.catalogs.translator(locale),
      fmt: createFormatter(locale, getCookie(c, TZ_COOKIE) ?? "UTC"),
      locale,
      asset: options.assets.url,
      path: c.req.path,
      pages: options.pages,
      theme: theme === "light" || theme === "dark" ? theme : "system",
      hostName: options.hostName,
      version: options.version,
    };
    c.set("view", view);
    await next();
  };
}
