import type { Hono } from "hono";
import type { NavGroup, NavItem } from "../../views/components/nav-items.ts";
import { ROLES, type Role } from "../db/schema/users.ts";
import type { ApiRouter } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import type { GaugeSource } from "../lib/exposition.ts";
import type { Topic } from "../realtime/bus.ts";
import type { WsMethods } from "../realtime/ws-method.ts";
import type { ModuleDemo } from "./demo.ts";
import { ACTIONS, type Action, type PermissionTable, RESOURCES, type Resource } from "./rbac.ts";
import type { SearchSource } from "./search-index.ts";

/** The groups of the main navigation, in the order the sidebar shows them. */
export const NAV_GROUPS = ["monitor", "respond", "manage", "govern", "admin"] as const;

/** A module's entry in the main navigation. */
export interface ModuleNavEntry extends Omit<NavItem, "href" | "label"> {
  group: (typeof NAV_GROUPS)[number];
  /** Position within its group: lower first. */
  order: number;
  /** The page; `/<module name>` unless given. */
  href?: string;
  /** Message key of the label; `nav.<module name>` unless given. */
  label?: string;
}

/** Who may do what on one resource, per role; admins hold every action on every resource. */
export type ResourceGrants = Partial<Record<Exclude<Role, "admin">, readonly Action[]>>;

/** A page router of a module and the page paths it serves (the navigation offers those). */
export interface ModulePages<Ctx> {
  paths: readonly string[];
  router: (ctx: Ctx) => Hono<AppEnv>;
}

/**
 * One module, declared once: what the app mounts and derives from it (navigation,
 * permission table, API routers and their OpenAPI tags, page routers, live topics).
 * `Ctx` is what the app hands every router factory.
 */
export interface ModuleDeclaration<Ctx> {
  name: string;
  nav?: readonly ModuleNavEntry[];
  /** The resources this module owns and each role's actions on them (deny unless listed). */
  permissions?: Partial<Record<Resource, ResourceGrants>>;
  /** Its `/api/v1` routers, in mount order (which is also the OpenAPI document's order). */
  api?: readonly ((ctx: Ctx) => ApiRouter)[];
  /** Its page routers, in mount order (a literal path before a `/:id` one that would take it). */
  pages?: readonly ModulePages<Ctx>[];
  /** The realtime bus topics its services publish on. */
  topics?: readonly Topic[];
  /** Its WebSocket request methods (`{type: "request", method}`), each as its REST route would act. */
  ws?: (ctx: Ctx) => WsMethods;
  /**
   * Its part of the demo data set (`warden demo seed` runs them in module order), loaded only
   * then: a server never imports the demo data and the services it seeds with.
   */
  demo?: () => ModuleDemo;
  /** Routes taking a file: their body may be as large as `maxBytes` (or the configured limit if larger). */
  uploads?: { paths: readonly string[]; maxBytes: number };
  /** Runs once when `serve` starts, after the migrations (reference data a first start imports). */
  startup?: (ctx: Ctx) => Promise<void>;
  /** Its searchable record kinds: what of each the one search index holds (`GET /api/v1/search`). */
  search?: readonly SearchSource[];
  /** Its gauges on `/metrics` (open records by severity …), read from the database at most every few seconds. */
  gauges?: readonly ((ctx: Ctx) => GaugeSource)[];
}

/**
 * A module's router built by the factory `name` that `file` exports, called with the context's
 * parts named in `args` (its deps unless given). `file` is `() => require("./api.ts")`, written in the module
 * so that the bundler follows it; it runs on the first request one of the router's routes
 * matches (src/kit/module-routers.ts).
 */
export function routerIn<Ctx extends { deps: unknown }, R>(
  file: () => unknown,
  name: string,
  args: readonly (keyof Ctx)[] = ["deps"],
): (ctx: Ctx) => R {
  return (ctx) => {
    const factory = (file() as Record<string, unknown>)[name];
    if (typeof factory !== "function") throw new Error(`The module file exports no router factory ${name}.`);
    return factory(...args.map((part) => ctx[part])) as R;
  };
}

/**
 * THE permission table, assembled from the declarations: each resource is owned by exactly
 * one module; admins hold every action on every resource. Throws on a resource declared
 * twice or by nobody, so a module cannot silently widen another's grants.
 */
export function permissionsOf<Ctx>(modules: readonly ModuleDeclaration<Ctx>[]): PermissionTable {
  const owner = new Map<Resource, string>();
  const table = Object.fromEntries(ROLES.map((role) => [role, {}])) as Record<
    Role,
    Partial<Record<Resource, readonly Action[]>>
  >;
  for (const module of modules) {
    for (const [resource, grants] of Object.entries(module.permissions ?? {}) as [
      Resource,
      ResourceGrants,
    ][]) {
      const previous = owner.get(resource);
      if (previous)
        throw new Error(`Resource "${resource}" is declared by both ${previous} and ${module.name}.`);
      owner.set(resource, module.name);
      for (const [role, actions] of Object.entries(grants) as [Role, readonly Action[]][])
        table[role][resource] = actions;
    }
  }
  const orphans = RESOURCES.filter((resource) => !owner.has(resource));
  if (orphans.length > 0) throw new Error(`No module declares the resource(s) ${orphans.join(", ")}.`);
  table.admin = Object.fromEntries(RESOURCES.map((resource) => [resource, ACTIONS]));
  return table;
}

/** The main navigation, assembled from the declarations: groups in {@link NAV_GROUPS} order, entries by `order`. */
export function navigationOf<Ctx>(modules: readonly ModuleDeclaration<Ctx>[]): NavGroup[] {
  const entries = modules.flatMap((module) =>
    (module.nav ?? []).map((entry) => ({ href: `/${module.name}`, label: `nav.${module.name}`, ...entry })),
  );
  return NAV_GROUPS.map((group) => ({
    label: `nav.group.${group}`,
    items: entries
      .filter((entry) => entry.group === group)
      .sort((a, b) => a.order - b.order)
      .map(({ group: _, order: __, ...item }) => item),
  })).filter((group) => group.items.length > 0);
}
