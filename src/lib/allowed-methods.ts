import type { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { AppEnv } from "./context.ts";

/**
 * The methods the app's routes under `base` take at a path, for a 405's `Allow` header: read from
 * `app.routes` (the routes mounted at start, lazily built routers included) on first use, matched
 * with Hono's own path syntax. HEAD goes with GET, as Hono answers it. Middleware (`use`, method
 * ALL) is no route. A path no route takes gives none.
 */
export function allowedMethods(app: Hono<AppEnv>, base: string): (path: string) => readonly string[] {
  let router: TrieRouter<string> | null = null;
  const build = (): TrieRouter<string> => {
    const built = new TrieRouter<string>();
    for (const route of app.routes)
      if (route.method !== "ALL" && route.path.startsWith(`${base}/`))
        built.add("ALL", route.path, route.method);
    return built;
  };
  return (path) => {
    if (!path.startsWith(`${base}/`)) return [];
    router ??= build();
    const methods = new Set(router.match("ALL", path)[0].map(([method]) => method));
    if (methods.has("GET")) methods.add("HEAD");
    return [...methods].sort();
  };
}
