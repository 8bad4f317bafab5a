import type { Hono } from "hono";
import type { AppEnv } from "../lib/context.ts";
import type { ModuleDeclaration, ModuleNavEntry, ResourceGrants } from "./module.ts";
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

/** A module that owns the resource of its name, shown on one page: what it declares beyond the usual parts. */
export interface ResourceModuleSpec<Ctx>
  extends Omit<ModuleDeclaration<Ctx>, "name" | "nav" | "permissions" | "pages"> {
  /** Its entry in the main navigation, for its resource; its page is `/<name>` unless `href` says. */
  nav: Omit<ModuleNavEntry, "resource">;
  /** Each role's actions on its resource. */
  grants: ResourceGrants;
  /** The page router of the navigation entry's page. */
  pages: (ctx: Ctx) => Hono<AppEnv>;
}

/**
 * The declaration of a module that owns the resource `name` (its own name) and shows it on
 * one page: its navigation entry for that resource, the grants on it, and the page router
 * serving the entry's page; its other parts (API routers, topics, demo …) as given.
 */
export function resourceModule<Ctx>(
  name: Resource,
  { nav, grants, pages, ...rest }: ResourceModuleSpec<Ctx>,
): ModuleDeclaration<Ctx> {
  return {
    name,
    nav: [{ ...nav, resource: name }],
    permissions: { [name]: grants },
    pages: [{ paths: [nav.href ?? `/${name}`], router: pages }],
    ...rest,
  };
}
