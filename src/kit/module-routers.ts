import { Hono } from "hono";
import type { H } from "hono/types";
import { API_BASE } from "../lib/api-path.ts";
import type { ApiRouter, RegisteredRoute } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import type { ModuleDeclaration } from "./module.ts";

/** The routes of one module's routers as the app mounts them: its API routers', then its page routers'. */
export interface ModuleRoutes {
  api: MountedRoute[];
  pages: MountedRoute[];
}

/**
 * Every module's routes by module name: what the app needs to mount a module's routers before
 * building them. `scripts/build.ts` records it from the modules and embeds it in the binary.
 */
export type RouteManifest = Record<string, ModuleRoutes>;

/**
 * The modules' API and page routers, mounted on an app. With a route manifest each module's
 * API routers and its page routers are built on the first request one of their routes
 * matches (so a server holds only the schemas, routes and views it has been asked for);
 * without one they are built when mounted, and {@link manifest} records their routes.
 */
export class ModuleRouters<Ctx> {
  /** The routes mounted for each module (the given manifest, or what mounting recorded). */
  readonly manifest: RouteManifest;
  readonly #built = new Map<string, ApiRouter[]>();

  constructor(
    private readonly modules: readonly ModuleDeclaration<Ctx>[],
    private readonly ctx: Ctx,
    private readonly given: RouteManifest | null,
  ) {
    this.manifest = given ?? Object.fromEntries(modules.map((m) => [m.name, { api: [], pages: [] }]));
  }

  /** Mounts every module's API routers below `/api/v1`, in module order. */
  mountApis(app: Hono<AppEnv>): void {
    for (const module of this.modules)
      this.#mount(app, module.name, "api", () =>
        this.#apiRouters(module).map((router) => [`${API_BASE}${router.prefix}`, router.hono] as const),
      );
  }

  /** Mounts every module's page routers at `/`, in module order. */
  mountPages(app: Hono<AppEnv>): void {
    for (const module of this.modules)
      this.#mount(app, module.name, "pages", () =>
        (module.pages ?? []).map((page) => ["/", page.router(this.ctx)] as const),
      );
  }

  /** Every module's declared API routes, in mount order (builds the API routers not built yet). */
  apiRoutes(): RegisteredRoute[] {
    return this.modules.flatMap((module) => this.#apiRouters(module).flatMap((router) => router.routes));
  }

  #mount(app: Hono<AppEnv>, name: string, kind: keyof ModuleRoutes, build: () => Mounts): void {
    const routes = this.given?.[name]?.[kind];
    if (routes) {
      mountLazily(app, routes, build);
      return;
    }
    const mounts = build();
    for (const [base, router] of mounts) app.route(base, router);
    const recorded = this.manifest[name];
    if (recorded) recorded[kind] = routesOf(mounts);
  }

  /** A module's API routers, built once. */
  #apiRouters(module: ModuleDeclaration<Ctx>): ApiRouter[] {
    let routers = this.#built.get(module.name);
    if (!routers) {
      routers = (module.api ?? []).map((api) => api(this.ctx));
      this.#built.set(module.name, routers);
    }
    return routers;
  }
}

/** One route of a mounted router: the base it is mounted at, its method (`ALL` for middleware) and its own path. */
export type MountedRoute = readonly [base: string, method: string, path: string];

/** Routers mounted together, in order: each with the base path it is mounted at. */
type Mounts = readonly (readonly [base: string, router: Hono<AppEnv>])[];

/** The routes of `mounts` in mount order, as {@link mountLazily} takes them. */
function routesOf(mounts: Mounts): MountedRoute[] {
  return mounts.flatMap(([base, router]) => router.routes.map((r) => [base, r.method, r.path] as const));
}

/**
 * Mounts `routes` on `app` now — the same patterns in the same order as mounting the routers
 * would, so route matching (and the route a request is counted under) is unchanged — and
 * builds the routers with `build` on the first request one of them matches; from then on each
 * route runs the handler its router has, with the request's own context.
 * Throws on that first request when the built routers' routes are not `routes`.
 */
function mountLazily(app: Hono<AppEnv>, routes: readonly MountedRoute[], build: () => Mounts): void {
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
