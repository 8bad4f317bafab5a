import { z } from "zod";
import { assertCan } from "../../kit/rbac.ts";
import type { MetricsHub } from "../../monitor/hub.ts";
import { type WsMethods, wsMethod } from "../../realtime/ws-method.ts";

const READ_SYSTEM = { action: "read", resource: "system" } as const;
const none = z.object({}).optional();

/** The WebSocket's system methods: the current metrics snapshot and the host's facts. */
export function systemWsMethods(metrics: MetricsHub): WsMethods {
  return {
    "metrics.current": wsMethod(READ_SYSTEM, none, (actor) => {
      assertCan(actor, "read", "system");
      return metrics.snapshot();
    }),
    "system.info": wsMethod(READ_SYSTEM, none, (actor) => {
      assertCan(actor, "read", "system");
      return { host: metrics.snapshot().host };
    }),
  };
}
