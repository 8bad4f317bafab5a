import { Hono } from "hono";
import type { AppDeps } from "../../deps.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { redirectAfterPost } from "../../lib/htmx.tsx";
import { requestFacts } from "../../lib/request-facts.ts";
import { resetSecondFactor } from "./mfa-reset.ts";

/**
 * The users page's "Reset two-factor" (admin; the service refuses everyone else with 403):
 * - POST /users/:id/mfa/reset   remove the user's second factors, then back to /users with a notice
 */
export function mfaAdminPages(deps: AppDeps): Hono<AppEnv> {
  const svc = { db: deps.database.db, config: deps.config, bus: deps.bus, notifier: deps.notifier };
  return new Hono<AppEnv>().post("/users/:id/mfa/reset", async (c) => {
    const id = c.req.param("id");
    await resetSecondFactor(svc, actorOf(c), id, requestFacts(c, deps.config));
    return redirectAfterPost(c, `/users?notice=mfa&id=${encodeURIComponent(id)}`);
  });
}
