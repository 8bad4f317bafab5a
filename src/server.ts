import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import { CommandFailed } from "./cli/args.ts";
import type { Config } from "./config/schema.ts";
import type { AppEnv } from "./lib/context.ts";
import type { Logger } from "./lib/log.ts";
import type { WsData } from "./realtime/ws.ts";

/** Seconds an idle keep-alive connection stays open. Live streams opt out per request. */
const IDLE_TIMEOUT_SECONDS = 30;

/** Bodies Bun itself refuses (with a bare 413) before the app sees them: 1 GiB. */
const BACKSTOP_BODY_BYTES = 1024 ** 3;

/**
 * Starts Bun's HTTP server for the app (and its WebSocket handlers): HTTPS only when a
 * certificate is configured. `largestUpload` is the largest body a file route takes (the
 * modules' `uploads`), so Bun's own limit does not refuse what the app would accept.
 */
export function startHttpServer(
  app: Hono<AppEnv>,
  config: Config,
  websocket: Bun.WebSocketHandler<WsData>,
  largestUpload = 0,
): Bun.Server<WsData> {
  const { cert, key } = config.server.tls;
  const tls = cert && key ? readTls(cert, key) : undefined;
  try {
    return Bun.serve({
      hostname: config.server.host,
      port: config.server.port,
      fetch: app.fetch,
      idleTimeout: IDLE_TIMEOUT_SECONDS,
      // The app's body-limit middleware answers 413 with a problem document (by the declared
      // length, or by counting a streamed body); Bun's own bare 413 is only a backstop beyond it.
      maxRequestBodySize: Math.max(config.server.bodyLimitBytes * 2, largestUpload * 2, BACKSTOP_BODY_BYTES),
      ...(tls ? { tls } : {}),
      websocket,
    });
  } catch (error) {
    throw new CommandFailed(
      `cannot listen on ${config.server.host}:${config.server.port}: ${(error as Error).message}`,
    );
  }
}

/**
 * Stops accepting connections and waits for in-flight requests; connections still
 * open after `timeoutMs` (a stuck client, a live stream) are closed by force.
 */
export async function stopHttpServer(
  server: Bun.Server<unknown>,
  timeoutMs: number,
  log: Logger,
): Promise<void> {
  log.info("shutting down: finishing in-flight requests", { pending: server.pendingRequests });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const forced = new Promise<"forced">((resolve) => {
    timer = setTimeout(() => resolve("forced"), timeoutMs);
  });
  const outcome = await Promise.race([server.stop(false).then(() => "drained" as const), forced]);
  clearTimeout(timer);
  if (outcome === "forced") {
    log.warn("shutdown timeout reached; closing remaining connections", { pending: server.pendingRequests });
    await server.stop(true);
  }
}

function readTls(certPath: string, keyPath: string): { cert: string; key: string } {
  try {
    return { cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8") };
  } catch (error) {
    throw new CommandFailed(`cannot read the TLS certificate or key: ${(error as Error).message}`);
  }
}
