import type { MiddlewareHandler } from "hono";
import { type AppEnv, actorOf } from "../lib/context.ts";
import { type Action, assertCan, type Resource } from "./rbac.ts";

/**
 * A page post's permission, checked before its handler reads the form: one who may not gets
 * 403 whatever they sent, never the form's errors (the API routes declare theirs the same way).
 */
export function mayPost(action: Action, resource: Resource): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    assertCan(actorOf(c), action, resource);
    await next();
  };
}
