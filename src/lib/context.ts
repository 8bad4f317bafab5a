import type { NavGroup } from "../../views/components/nav-items.ts";
import type { Actor } from "../kit/actor.ts";
import { Unauthorized } from "./errors.ts";
import type { Formatter } from "./format.ts";
import type { Translate } from "./i18n.ts";

/** What every view receives about the viewer and the page: plain data and pure helpers. */
export interface ViewContext {
  t: Translate;
  fmt: Formatter;
  locale: string;
  /** URL of a static asset with its cache-busting hash. */
  asset: (name: string) => string;
  /** Path of the current request, for marking the current navigation entry. */
  path: string;
  /** Page paths that exist in this build; navigation entries for others are shown as coming later. */
  pages: ReadonlySet<string>;
  /** Saved theme choice: `system` follows the operating system. */
  theme: "system" | "light" | "dark";
  hostName: string;
  version: string;
  /**
   * Id of the newest live event when this request began: a page that follows a topic opens its
   * stream from there (`/events?since=`), so what changes between render and subscribe still arrives.
   */
  liveSince: number;
  /** The signed-in actor, for the header's user menu; null when anonymous. Set once authenticated. */
  user: { name: string; role: string } | null;
  /** The navigation this viewer may use: entries their role cannot read are left out (empty when anonymous). */
  nav: readonly NavGroup[];
  /** The navigation entry this page belongs to, among all entries (whether or not the viewer sees it). */
  navCurrent: string | undefined;
}

/** Hono environment of Warden's app: the per-request variables middleware sets. */
export interface AppEnv {
  Variables: {
    requestId: string;
    view: ViewContext;
    /** The authenticated actor, or null for an anonymous request. */
    actor: Actor | null;
    /** How the actor authenticated: a bearer token (API clients) or the session cookies (browsers). */
    authVia: "bearer" | "cookie" | null;
    /**
     * The socket peer's address, noted before the request is rebuilt (a counted body): the
     * server knows the peer of the request it received only.
     */
    peer?: string | null;
  };
}

/** The authenticated actor of a request on a protected route (the auth middleware guarantees one). */
export function actorOf(c: { get(key: "actor"): Actor | null }): Actor {
  const actor = c.get("actor");
  if (!actor) throw new Unauthorized();
  return actor;
}
