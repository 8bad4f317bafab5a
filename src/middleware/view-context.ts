import type { MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { currentHref, type NavGroup } from "../../views/components/nav-items.ts";
import { can } from "../kit/rbac.ts";
import type { AssetTable } from "../lib/assets.ts";
import type { AppEnv, ViewContext } from "../lib/context.ts";
import { createFormatter } from "../lib/format.ts";
import type { Catalogs } from "../lib/i18n.ts";

/** Cookie holding the theme choice (set by public/js/app.js). */
export const THEME_COOKIE = "warden_theme";
/** Cookie holding the viewer's IANA time zone (set by public/js/app.js). */
export const TZ_COOKIE = "warden_tz";

/** Cookie holding the language picked on the sign-in page (`?lang=`); Accept-Language decides without it. */
export const LANG_COOKIE = "warden_lang";
/** The picked language is remembered this long (seconds): a year. */
const LANG_COOKIE_MAX_AGE = 365 * 86_400;

/** Options of the view context. */
export interface ViewContextOptions {
  catalogs: Catalogs;
  assets: AssetTable;
  /** Page paths mounted in this app (filled once routes are mounted). */
  pages: ReadonlySet<string>;
  /** The whole main navigation (assembled from the module declarations). */
  navigation: readonly NavGroup[];
  hostName: string;
  version: string;
  /** Id of the newest event on the realtime bus: {@link ViewContext.liveSince}. */
  liveSince: () => number;
}

/**
 * Builds the per-request view context: locale from a `?lang=` link (remembered in
 * {@link LANG_COOKIE}), else that cookie, else `Accept-Language` (the signed-in user's own
 * choice replaces it in {@link viewUser}); time zone and theme from cookies; translate and
 * format helpers.
 */
export function viewContext(options: ViewContextOptions): MiddlewareHandler<AppEnv> {
  return async function viewContextMiddleware(c, next) {
    const asked = c.req.query("lang");
    const picked = asked && options.catalogs.locales.includes(asked) ? asked : undefined;
    if (picked)
      setCookie(c, LANG_COOKIE, picked, {
        path: "/",
        maxAge: LANG_COOKIE_MAX_AGE,
        sameSite: "Lax",
        httpOnly: true,
      });
    const locale = options.catalogs.negotiate(
      picked ?? getCookie(c, LANG_COOKIE),
      c.req.header("Accept-Language"),
    );
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
      liveSince: options.liveSince(),
      user: null,
      nav: [],
      navCurrent: currentHref(options.navigation, c.req.path),
    };
    c.set("view", view);
    await next();
  };
}

/**
 * After authentication: tells the views who is signed in (for the user menu) and which
 * navigation entries their role may read, so the views only render what they are given;
 * and switches to the user's chosen language when they have one.
 */
export function viewUser(catalogs: Catalogs, navigation: readonly NavGroup[]): MiddlewareHandler<AppEnv> {
  return async function viewUserMiddleware(c, next) {
    const actor = c.get("actor");
    const view = c.get("view");
    if (actor && actor.type !== "system") {
      view.user = { name: actor.label, role: actor.role };
      // Entries whose resource the actor cannot read go, then the groups left empty.
      view.nav = navigation
        .map((group) => ({
          ...group,
          items: group.items.filter((item) => !item.resource || can(actor, "read", item.resource)),
        }))
        .filter((group) => group.items.length > 0);
      if (actor.locale) {
        const locale = catalogs.negotiate(actor.locale, c.req.header("Accept-Language"));
        if (locale !== view.locale) {
          view.locale = locale;
          view.t = catalogs.translator(locale);
          view.fmt = createFormatter(locale, view.fmt.timeZone);
        }
      }
    }
    await next();
  };
}
