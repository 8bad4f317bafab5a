import type { Context } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { RequestFacts } from "../kit/audit.ts";
import { clientIp } from "./client-ip.ts";
import type { AppEnv } from "./context.ts";

/** What the audit log records about the request behind an action. */
export function requestFacts(c: Context<AppEnv>, config: ConfigSource): RequestFacts {
  return {
    ip: clientIp(c, config.get().server),
    userAgent: c.req.header("User-Agent")?.slice(0, 300) ?? null,
    requestId: c.get("requestId"),
  };
}
