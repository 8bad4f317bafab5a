import { createLogger } from "../../src/lib/log.ts";
import { startHttpServer, stopHttpServer } from "../../src/server.ts";
import type { TestApp } from "./app.ts";

/** A test app served on a free loopback port with its WebSocket handlers, as `warden serve` would. */
export interface ListeningApp {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `ws://127.0.0.1:<port>/api/v1/ws` */
  wsUrl: string;
  /** Closes the event streams and sockets and stops the server. */
  stop(): Promise<void>;
}

/** Serves `t` on a free port (for real WebSocket and HTTP clients). */
export function listen(t: TestApp): ListeningApp {
  const config = t.config.get();
  const server = startHttpServer(t.app, { ...config, server: { ...config.server, port: 0 } }, t.ws.handlers);
  return {
    url: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}/api/v1/ws`,
    stop: async () => {
      t.streams.closeAll();
      t.ws.closeAll();
      await stopHttpServer(
        server,
        2000,
        createLogger(() => ({ level: "error", format: "json" })),
      );
    },
  };
}
