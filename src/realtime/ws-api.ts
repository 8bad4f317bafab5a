import { ApiRouter, UPGRADE_RESPONSES } from "../lib/api-router.ts";
import type { WsGateway } from "./ws.ts";

/**
 * The realtime WebSocket:
 * - GET /api/v1/ws   upgrade; then JSON messages (auth, subscribe, unsubscribe, ping, request)
 */
export function wsApi(gateway: WsGateway): ApiRouter {
  return new ApiRouter("", "Realtime").get(
    "/ws",
    {
      summary: "WebSocket for live events and requests",
      description:
        'Authenticate with the session cookie (same origin), `Sec-WebSocket-Protocol: bearer, <token>`, or a first message `{type: "auth", token}` within 5 s. Messages: `{type: "subscribe"|"unsubscribe", topic: "metrics"|"processes"}`, `{type: "ping", id?}`, `{type: "request", id, method, params?}` with methods `metrics.current`, `system.info`, `processes.list` (params as GET /processes), `process.signal` `{pid, signal}`, `process.renice` `{pid, nice}`, `windows.list`, `window.action` `{id, action: "focus"|"minimize"|"close"}` — same validation, roles and audit as the REST routes. Errors come as `{type: "error", id?, error: {code, message}}` and keep the connection open. The socket counts against `realtime.maxStreamsPerUser` with the event streams of the same user, and closes with 4401 and a reason when the credential it authenticated with ends (signed out, token revoked or expired, password or role changed).',
      public: true,
      responses: {
        ...UPGRADE_RESPONSES,
        429: { description: "The user holds realtime.maxStreamsPerUser live connections already" },
      },
    },
    (c) => gateway.upgrade(c),
  );
}
