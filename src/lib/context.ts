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
}

/** Hono environment of Warden's app: the per-request variables middleware sets. */
export interface AppEnv {
  Variables: {
    requestId: string;
    view: ViewContext;
  };
}
