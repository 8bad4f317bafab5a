import { z } from "zod";
import type { MetricsHub } from "../../monitor/hub.ts";
import { type WsMethods, wsMethod } from "../../realtime/ws-method.ts";

const READ_SYSTEM = { action: "read", resource: "system" } as const;
const none = z.object({}).optional();

/** The WebSocket's system methods (the gateway checks READ_SYSTEM): the metrics snapshot, the host's facts. */
export function systemWsMethods(metrics: MetricsHub): WsMethods {
  return {
    "metrics.current": wsMethod(READ_SYSTEM, none, () => metrics.snapshot()),
    "system.info": wsMethod(READ_SYSTEM, none, () => ({ host: metrics.snapshot().host })),
  };
}
