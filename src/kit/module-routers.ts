import type { Hono } from "hono";
import { API_BASE } from "../lib/api-path.ts";
import type { ApiRouter, RegisteredRoute } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import { type MountedRoute, type Mounts, mountLazily, routesOf } from "../lib/lazy-mount.ts";
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
