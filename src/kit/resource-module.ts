import type { Hono } from "hono";
import type { ApiRouter } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import { type ModuleDeclaration, type ModuleNavEntry, type ResourceGrants, routerIn } from "./module.ts";
import { type Action, READ, type Resource, WRITE } from "./rbac.ts";

/** Each role below admin holding the same `actions` (a resource everybody reads, an inbox each keeps …). */
export function everyRole(actions: readonly Action[]): ResourceGrants {
  return { viewer: actions, analyst: actions, manager: actions };
}

/**
 * The grants of a record kind the team works on: viewers read, analysts and managers also
 * create and update, managers add `managerAlso` (approve, publish …); deleting stays with admins.
 */
export function teamGrants(managerAlso: readonly Action[] = []): ResourceGrants {
  return {
    viewer: READ,
    analyst: WRITE,
    manager: managerAlso.length > 0 ? [...WRITE, ...managerAlso] : WRITE,
  };
}

/**
 * The files of a module whose routers are the usual `<name>Api(deps)` and `<name>Pages(deps)`,
 * each required on the first request one of its routes matches (src/kit/module-routers.ts):
 * `() => require("./api.ts")`, written in the module so that the bundler follows it.
 */
export interface RouterFiles {
  /** Requires the file exporting `<name>Api`. */
  api: () => unknown;
  /** Requires the file exporting `<name>Pages`. */
  pages: () => unknown;
}

/** A module that owns the resource of its name, shown on one page: what it declares beyond the usual parts. */
interface ResourceModuleParts<Ctx>
  extends Omit<ModuleDeclaration<Ctx>, "name" | "nav" | "permissions" | "pages"> {
  /** Its entry in the main navigation, for its resource; its page is `/<name>` unless `href` says. */
  nav: Omit<ModuleNavEntry, "resource">;
  /** Each role's actions on its resource. */
  grants: ResourceGrants;
}

/**
 * A resource module's declaration: its page router (the navigation entry's page) as `pages`,
 * or `files` where its API router and page router are the usual ones (in place of `api` too).
 */
export type ResourceModuleSpec<Ctx> = ResourceModuleParts<Ctx> &
  ({ pages: (ctx: Ctx) => Hono<AppEnv>; files?: undefined } | { files: RouterFiles; pages?: undefined });

/**
 * The declaration of a module that owns the resource `name` (its own name) and shows it on
 * one page: its navigation entry for that resource, the grants on it, and the page router
 * serving the entry's page (with `files`: `<name>Pages(deps)`, and the API router
 * `<name>Api(deps)`); its other parts (API routers, topics, demo …) as given.
 */
export function resourceModule<Ctx extends { deps: unknown }>(
  name: Resource,
  spec: ResourceModuleSpec<Ctx>,
): ModuleDeclaration<Ctx> {
  const { nav, grants, pages, files, ...rest } = spec;
  return {
    name,
    nav: [{ ...nav, resource: name }],
    permissions: { [name]: grants },
    pages: [
      {
        paths: [nav.href ?? `/${name}`],
        router: spec.files ? routerIn<Ctx, Hono<AppEnv>>(spec.files.pages, `${name}Pages`) : spec.pages,
      },
    ],
    ...(files && { api: [routerIn<Ctx, ApiRouter>(files.api, `${name}Api`)] }),
    ...rest,
  };
}
