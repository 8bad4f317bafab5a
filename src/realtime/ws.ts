import type { Context } from "hono";
import { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import type { Actor } from "../kit/actor.ts";
import type { RequestFacts } from "../kit/audit.ts";
import type { Authenticator } from "../kit/authenticator.ts";
import { can } from "../kit/rbac.ts";
import { ApiRouter, UPGRADE_RESPONSES } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import { AppError, Forbidden, TooManyRequests } from "../lib/errors.ts";
import type { Logger } from "../lib/log.ts";
import { requestFacts } from "../lib/request-facts.ts";
import { fieldErrors } from "../lib/validation.ts";
import { type Bus, eventJson, isFor, isTopic, TOPIC_RESOURCE, TOPICS, type Topic } from "./bus.ts";
import { credentialOf } from "./ended-credentials.ts";
import { FloodCount } from "./flood-count.ts";
import type { LiveConnections } from "./live-connections.ts";
import type { WsMethods } from "./ws-method.ts";

/** Largest message a client may send; larger ones close the connection with 1009. */
export const WS_MAX_MESSAGE_BYTES = 64 * 1024;
/** Messages a connection may send per second (see {@link FloodCount}). */
const RATE_PER_SECOND = 20;
/** Bytes queued for a slow client before it is disconnected rather than buffered further. */
const BACKPRESSURE_LIMIT = 1024 * 1024;
/** Time an unauthenticated connection has to send its `auth` message. */
const AUTH_DEADLINE_MS = 5000;
/** Close code of a connection not (or no longer) authenticated: no auth in time, a bad token, its credential ended (the reason says which). */
const CLOSE_UNAUTHENTICATED = 4401;
/** Close code when an `auth` message would exceed the user's live connections. */
const CLOSE_TOO_MANY = 4429;

/** A client's id of a message, echoed in the answer to it (and in an error refusing it). */
const messageId = z.union([z.string().max(100), z.number()]);

/** What a client may send; every message is validated against it. */
const clientMessage = z.discriminatedUnion("type", [
  z.object({ type: z.literal("auth"), token: z.string().min(1).max(500) }),
  z.object({ type: z.literal("subscribe"), topic: z.string().max(50), id: messageId.optional() }),
  z.object({ type: z.literal("unsubscribe"), topic: z.string().max(50), id: messageId.optional() }),
  z.object({ type: z.literal("ping"), id: messageId.optional() }),
  z.object({
    type: z.literal("request"),
    id: messageId,
    method: z.string().max(100),
    params: z.record(z.string(), z.unknown()).optional(),
  }),
]);

/** Per-connection state. */
export interface WsData {
  actor: Actor | null;
  subscriptions: Map<Topic, () => void>;
  flood: FloodCount;
  authTimer: ReturnType<typeof setTimeout> | null;
  /** Facts of the upgrade request, recorded with audited actions. */
  request: RequestFacts;
  /** Removes the connection from the live connections (set once authenticated). */
  release: (() => void) | null;
  /** The socket, once open. */
  socket: Socket | null;
  /** Why the credential ended, when it did before the socket opened. */
  ended: string | null;
  /** Another protocol's connection on the same server (an agent's): it handles its own messages. */
  channel?: SocketChannel;
}

/** A connection of another protocol than the realtime one, sharing the server's WebSocket handlers. */
export interface SocketChannel {
  open(ws: Socket): void;
  message(ws: Socket, raw: string | Buffer): void;
  close(ws: Socket, code: number, reason: string): void;
}

/** The per-connection data of a new socket: `actor` when the upgrade authenticated it, `channel` for another protocol's. */
export function socketData(request: RequestFacts, actor: Actor | null, channel?: SocketChannel): WsData {
  return {
    actor,
    subscriptions: new Map(),
    flood: new FloodCount(),
    authTimer: null,
    request,
    release: null,
    socket: null,
    ended: null,
    channel,
  };
}

type Socket = Bun.ServerWebSocket<WsData>;

/** The server to upgrade `c` on. @throws 426 when `c` is no WebSocket handshake (`detail` says what connects there). */
export function upgradingServer(c: Context<AppEnv>, detail: string): Bun.Server<WsData> {
  const server = c.env as Bun.Server<WsData> | undefined;
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket" || !server?.upgrade)
    throw new AppError(426, "upgrade_required", "Upgrade required", detail);
  return server;
}

/**
 * The WebSocket transport of the realtime bus (`GET /api/v1/ws`). A connection
 * authenticates with the session cookie (same origin only), a `Sec-WebSocket-Protocol:
 * bearer, <token>` header, or an `auth` message first — never a token in the URL. JSON
 * messages `{type, id?, topic?, method?, params?}` are validated; a bad one gets an error
 * frame and the connection stays open. An authenticated connection counts against the user's
 * live connections and closes (4401, with the reason) when its credential ends or expires.
 */
export class WsGateway {
  #sockets = new Set<Socket>();

  /** `deps`: the configuration, how tokens become actors, and every module's request methods. */
  constructor(
    private readonly bus: Bus,
    private readonly deps: { config: ConfigSource; authenticator: Authenticator; methods: WsMethods },
    private readonly log: Logger,
    private readonly connections: LiveConnections,
  ) {}

  /** Bun's WebSocket handlers, passed to `Bun.serve`. */
  readonly handlers: Bun.WebSocketHandler<WsData> = {
    maxPayloadLength: WS_MAX_MESSAGE_BYTES,
    backpressureLimit: BACKPRESSURE_LIMIT,
    closeOnBackpressureLimit: true,
    idleTimeout: 120,
    sendPings: true,
    open: (ws) => {
      this.#sockets.add(ws);
      ws.data.socket = ws;
      if (ws.data.channel) ws.data.channel.open(ws);
      else if (ws.data.ended) ws.close(CLOSE_UNAUTHENTICATED, ws.data.ended);
      else if (ws.data.actor) this.#send(ws, { type: "welcome", user: ws.data.actor.label });
      else {
        ws.data.authTimer = setTimeout(
          () => ws.close(CLOSE_UNAUTHENTICATED, "authenticate first"),
          AUTH_DEADLINE_MS,
        );
      }
    },
    message: (ws, raw) =>
      ws.data.channel ? ws.data.channel.message(ws, raw) : void this.#onMessage(ws, raw),
    close: (ws, code, reason) => {
      ws.data.channel?.close(ws, code, reason);
      if (ws.data.authTimer) clearTimeout(ws.data.authTimer);
      for (const unsubscribe of ws.data.subscriptions.values()) unsubscribe();
      ws.data.subscriptions.clear();
      ws.data.release?.();
      this.#sockets.delete(ws);
    },
  };

  /** Closes every connection (shutdown). */
  closeAll(): void {
    for (const ws of this.#sockets) ws.close(1001, "server shutting down");
  }

  /**
   * Upgrades the request. The cookie session counts only from our own origin (no
   * cross-site WebSocket hijacking); a bearer token may come as the second value of
   * `Sec-WebSocket-Protocol`, and `bearer` is then echoed as the chosen protocol.
   * @throws TooManyRequests (before upgrading) when the user holds too many live connections.
   */
  async upgrade(c: Context<AppEnv>): Promise<Response> {
    const server = upgradingServer(c, "Open this address as a WebSocket.");
    let actor: Actor | null = null;
    // A session renewed on this request (its access cookie had expired) keeps its rotated
    // cookies: the handshake's answer carries them, or the browser would present the used
    // refresh token next time, which counts as reuse and revokes the session.
    const headers = new Headers(c.res.headers.getSetCookie().map((cookie) => ["Set-Cookie", cookie]));
    const [scheme, token] = (c.req.header("Sec-WebSocket-Protocol") ?? "").split(",").map((p) => p.trim());
    if (scheme === "bearer" && token) {
      actor = await this.deps.authenticator.fromBearer(token);
      if (!actor)
        throw new AppError(
          401,
          "unauthorized",
          "Unauthorized",
          "The bearer token is invalid, expired or revoked.",
        );
      headers.set("Sec-WebSocket-Protocol", "bearer");
    } else if (c.get("authVia") === "cookie") {
      const origin = c.req.header("Origin");
      if (origin && origin !== new URL(c.req.url).origin)
        throw new Forbidden("Cross-site WebSocket refused.");
      actor = c.get("actor");
    }
    const data = socketData(requestFacts(c, this.deps.config), actor);
    if (actor) this.#register(data, actor);
    if (!server.upgrade(c.req.raw, { data, headers })) {
      data.release?.();
      throw new AppError(400, "bad_request", "Bad request", "The WebSocket handshake failed.");
    }
    return new Response(null);
  }

  /**
   * Counts the connection among the live connections of `actor`'s credential, which closes
   * it when that credential ends.
   * @throws TooManyRequests when the user holds too many.
   */
  #register(data: WsData, actor: Actor): void {
    data.release = this.connections.open(credentialOf(actor), (reason) => {
      data.ended = reason;
      data.socket?.close(CLOSE_UNAUTHENTICATED, reason);
    });
  }

  #send(ws: Socket, message: Record<string, unknown>): void {
    ws.send(JSON.stringify(message));
  }

  #error(ws: Socket, code: string, message: string, id?: string | number): void {
    this.#send(ws, { type: "error", ...(id === undefined ? {} : { id }), error: { code, message } });
  }

  async #onMessage(ws: Socket, raw: string | Buffer): Promise<void> {
    const flood = ws.data.flood.count(RATE_PER_SECOND);
    if (flood === "close") ws.close(1008, "too many messages");
    else if (flood === "strike")
      this.#error(
        ws,
        "rate_limited",
        `At most ${RATE_PER_SECOND} messages per second; the rest were dropped.`,
      );
    if (flood !== "ok") return;
    let parsed: z.infer<typeof clientMessage>;
    try {
      const result = clientMessage.safeParse(
        JSON.parse(typeof raw === "string" ? raw : raw.toString("utf8")),
      );
      if (!result.success)
        return this.#error(
          ws,
          "invalid_message",
          result.error.issues.map((i) => `${i.path.join(".") || "message"}: ${i.message}`).join("; "),
        );
      parsed = result.data;
    } catch {
      return this.#error(ws, "invalid_json", "Send JSON messages.");
    }
    if (parsed.type === "auth") {
      if (ws.data.actor)
        return this.#error(ws, "already_authenticated", "This connection is already authenticated.");
      const actor = await this.deps.authenticator.fromBearer(parsed.token);
      if (!actor) return ws.close(CLOSE_UNAUTHENTICATED, "invalid token");
      try {
        this.#register(ws.data, actor);
      } catch (error) {
        if (!(error instanceof TooManyRequests)) throw error;
        return ws.close(CLOSE_TOO_MANY, "too many live connections");
      }
      ws.data.actor = actor;
      if (ws.data.authTimer) clearTimeout(ws.data.authTimer);
      return this.#send(ws, { type: "welcome", user: actor.label });
    }
    const actor = ws.data.actor;
    if (!actor) return this.#error(ws, "unauthorized", "Send an auth message first.", parsed.id);
    const id = parsed.id === undefined ? {} : { id: parsed.id };
    switch (parsed.type) {
      case "ping":
        return this.#send(ws, { type: "pong", ...id });
      case "subscribe": {
        if (!isTopic(parsed.topic))
          return this.#error(ws, "unknown_topic", `Known topics: ${TOPICS.join(", ")}.`, parsed.id);
        if (!can(actor, "read", TOPIC_RESOURCE[parsed.topic]))
          return this.#error(ws, "forbidden", "Your role cannot read this topic.", parsed.id);
        const topic = parsed.topic;
        if (!ws.data.subscriptions.has(topic)) {
          ws.data.subscriptions.set(
            topic,
            // The event's JSON is built once and shared by every subscriber.
            this.bus.subscribe([topic], (event) => {
              if (isFor(event, actor.id))
                ws.send(
                  `{"type":"event","topic":${JSON.stringify(topic)},"name":${JSON.stringify(event.name)},"id":${event.id},"data":${eventJson(event)}}`,
                );
            }),
          );
        }
        return this.#send(ws, { type: "subscribed", topic, ...id });
      }
      case "unsubscribe": {
        const topic = parsed.topic as Topic;
        ws.data.subscriptions.get(topic)?.();
        ws.data.subscriptions.delete(topic);
        return this.#send(ws, { type: "unsubscribed", topic: parsed.topic, ...id });
      }
      case "request":
        return this.#request(ws, actor, parsed.id, parsed.method, parsed.params);
    }
  }

  async #request(
    ws: Socket,
    actor: Actor,
    id: string | number,
    name: string,
    params: Record<string, unknown> | undefined,
  ): Promise<void> {
    const method = Object.hasOwn(this.deps.methods, name) ? this.deps.methods[name] : undefined;
    if (!method) {
      this.log.debug("websocket: unknown method", { method: name });
      return this.#error(ws, "unknown_method", `Methods: ${Object.keys(this.deps.methods).join(", ")}.`, id);
    }
    if (!can(actor, method.permission.action, method.permission.resource))
      return this.#refuse(ws, id, new Forbidden());
    const parsed = await method.params.safeParseAsync(params);
    if (!parsed.success) {
      const fields = fieldErrors(parsed.error);
      const text = Object.entries(fields).map(([field, message]) => `${field}: ${message}`);
      return this.#error(ws, "invalid_params", text.join("; "), id);
    }
    try {
      const data = await method.call(actor, parsed.data as never, ws.data.request);
      this.#send(ws, { type: "response", id, data });
    } catch (error) {
      if (!(error instanceof AppError)) {
        this.log.error("websocket request failed", { method: name, error: (error as Error).message });
        return this.#error(ws, "internal_error", "The request failed; see the server log.", id);
      }
      this.#refuse(ws, id, error);
    }
  }

  /** Answers request `id` with an error a service (or the permission check) raised. */
  #refuse(ws: Socket, id: string | number, error: AppError): void {
    this.#send(ws, {
      type: "error",
      id,
      error: { code: error.code, status: error.status, message: error.detail ?? error.title },
    });
  }
}

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
        'Authenticate with the session cookie (same origin), `Sec-WebSocket-Protocol: bearer, <token>`, or a first message `{type: "auth", token}` within 5 s. Messages: `{type: "subscribe"|"unsubscribe", topic: "metrics"|"processes", id?}` (answered with `subscribed`/`unsubscribed` and the same id), `{type: "ping", id?}`, `{type: "request", id, method, params?}` with methods `metrics.current`, `system.info`, `processes.list` (params as GET /processes), `process.signal` `{pid, signal}`, `process.renice` `{pid, nice}`, `windows.list`, `window.action` `{id, action: "focus"|"minimize"|"close"}` — same validation, roles and audit as the REST routes. Errors come as `{type: "error", id?, error: {code, message}}` and keep the connection open. The socket counts against `realtime.maxStreamsPerUser` with the event streams of the same user, and closes with 4401 and a reason when the credential it authenticated with ends (signed out, token revoked or expired, password or role changed).',
      public: true,
      responses: {
        ...UPGRADE_RESPONSES,
        429: { description: "The user holds realtime.maxStreamsPerUser live connections already" },
      },
    },
    (c) => gateway.upgrade(c),
  );
}
