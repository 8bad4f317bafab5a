import { Hono } from "hono";
import type { H } from "hono/types";
import type { AppEnv } from "./context.ts";

/** One route of a mounted router: the base it is mounted at, its method (`ALL` for middleware) and its own path. */
export type MountedRoute = readonly [base: string, method: string, path: string];

/** Routers mounted together, in order: each with the base path it is mounted at. */
export type Mounts = readonly (readonly [base: string, router: Hono<AppEnv>])[];

/** The routes of `mounts` in mount order, as {@link mountLazily} takes them. */
export function routesOf(mounts: Mounts): MountedRoute[] {
  return mounts.flatMap(([base, router]) => router.routes.map((r) => [base, r.method, r.path] as const));
}

/**
 * Mounts `routes` on `app` now — the same patterns in the same order as mounting the routers
 * would, so route matching (and the route a request is counted under) is unchanged — and
 * builds the routers with `build` on the first request one of them matches; from then on each
 * route runs the handler its router has, with the request's own context.
 * Throws on that first request when the built routers' routes are not `routes`.
 */
export function mountLazily(app: Hono<AppEnv>, routes: readonly MountedRoute[], build: () => Mounts): void {
  let handlers: H[] | null = null;
  const handlersOf = (): H[] => {
    handlers ??= builtHandlers(routes, build());
    return handlers;
  };
  // `app.route` copies a router's routes when it is called: one stub per run of routes on the same base.
  let stub = new Hono<AppEnv>();
  routes.forEach(([base, method, path], index) => {
    stub.on(method, path, (c, next) => handlersOf()[index]?.(c, next));
    if (routes[index + 1]?.[0] !== base) {
      app.route(base, stub);
      stub = new Hono<AppEnv>();
    }
  });
}

/** The handlers `mounts` would have on the app, in route order; throws unless their routes are `routes`. */
function builtHandlers(routes: readonly MountedRoute[], mounts: Mounts): H[] {
  const built = routesOf(mounts);
  if (JSON.stringify(built) !== JSON.stringify(routes))
    throw new Error(`The routers' routes differ from those mounted for them: ${JSON.stringify(built)}`);
  const holder = new Hono<AppEnv>();
  for (const [base, router] of mounts) holder.route(base, router);
  return holder.routes.map((route) => route.handler);
}
