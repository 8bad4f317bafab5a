import type { Context } from "hono";
import type { ConfigSource } from "../config/live.ts";
import type { AppEnv } from "../lib/context.ts";
import { TooManyRequests } from "../lib/errors.ts";
import { type Bus, type BusEvent, eventJson, isFor, type Topic } from "./bus.ts";
import type { Credential } from "./ended-credentials.ts";
import { EventStream } from "./event-stream.ts";
import type { LiveConnections } from "./live-connections.ts";

/** Events waiting for a slow client beyond this many: it is disconnected instead of buffered. */
const MAX_PENDING = 256;

/** What a new stream of `userId` is sent before live events: a full picture of its topics. */
export type SnapshotProvider = (
  topics: readonly Topic[],
  userId: string,
) => { name: string; data: unknown }[] | Promise<{ name: string; data: unknown }[]>;

/**
 * Open Server-Sent Event streams: one multiplexed stream per browser tab, counted with the
 * user's WebSockets against `realtime.maxStreamsPerUser`, ended when the credential it was
 * opened with ends (see {@link LiveConnections}), all closed cleanly on shutdown.
 */
export class SseStreams {
  /** Open streams and the function that ends each. */
  #open = new Map<EventStream, () => void>();
  #closing = false;

  constructor(
    private readonly bus: Bus,
    private readonly config: ConfigSource,
    private readonly snapshots: readonly SnapshotProvider[],
    private readonly connections: LiveConnections,
  ) {}

  /** Number of open streams (all users). */
  get size(): number {
    return this.#open.size;
  }

  /** Closes every stream (shutdown); new ones are refused from now on. */
  closeAll(): void {
    this.#closing = true;
    for (const finish of this.#open.values()) finish();
  }

  /**
   * Answers `GET /events`, then sends every event of `topics`, with a heartbeat comment so
   * proxies and Bun's idle timeout never see a silent connection. What comes first:
   * - a reconnect (`Last-Event-ID`): the events it missed;
   * - a new stream: the snapshot, after the events since `since` (the bus id a page was
   *   rendered at, {@link Bus.lastId}) when given, so nothing between render and subscribe is lost;
   * - when the missed events are no longer kept (or the id is from before a restart): the
   *   snapshot, then `stream.resync`, which tells a page to reload what it shows.
   *
   * When `credential` ends (sign-out, revoked or expired token …) the stream's last event is
   * `stream.ended` with `{reason}`, and it closes.
   * @throws TooManyRequests when the user holds too many live connections, or while shutting down.
   */
  respond(c: Context<AppEnv>, credential: Credential, topics: readonly Topic[], since?: number): Response {
    if (this.#closing) throw new TooManyRequests(5);
    const userId = credential.userId;
    const { promise: finished, resolve: finish } = Promise.withResolvers<void>();
    let endedBecause: string | null = null;
    const release = this.connections.open(credential, (reason) => {
      endedBecause = reason;
      finish();
    });
    const { heartbeatMs } = this.config.get().realtime;
    // Live streams are exempt from Bun's idle timeout (the heartbeat still keeps proxies awake).
    (c.env as { timeout?: (req: Request, seconds: number) => void } | undefined)?.timeout?.(c.req.raw, 0);
    const lastEventId = Number(c.req.header("Last-Event-ID"));
    const reconnecting = Number.isInteger(lastEventId) && lastEventId > 0;
    const from = reconnecting ? lastEventId : since;
    return EventStream.respond(c, async (stream) => {
      stream.onAbort(finish);
      this.#open.set(stream, finish);
      try {
        let pending = 0;
        const send = async (event: BusEvent) => {
          if (pending > MAX_PENDING || !isFor(event, userId)) return;
          pending++;
          try {
            await stream.writeSSE({
              id: String(event.id),
              event: event.name,
              // Serialised once per event, shared by every open stream.
              data: eventJson(event),
            });
          } finally {
            pending--;
          }
        };
        // Subscribed before the snapshot is read, so nothing published meanwhile is lost: such
        // events wait in `early` and follow the snapshot (a count or a refresh twice is harmless,
        // one missed is not).
        const early: BusEvent[] = [];
        let live = false;
        const unsubscribe = this.bus.subscribe(topics, (event) => {
          if (!live) {
            if (early.length < MAX_PENDING) early.push(event);
            else finish();
            return;
          }
          if (pending > MAX_PENDING) return finish();
          void send(event);
        });
        const missed = from === undefined ? null : this.bus.since(topics, from);
        if (missed) for (const event of missed) await send(event);
        if (!missed || !reconnecting)
          for (const snapshot of this.snapshots)
            for (const part of await snapshot(topics, userId))
              await stream.writeSSE({ event: part.name, data: JSON.stringify(part.data) });
        if (from !== undefined && !missed) await stream.writeSSE({ event: "stream.resync", data: "{}" });
        for (let event = early.shift(); event; event = early.shift()) await send(event);
        live = true;
        const heartbeat = setInterval(() => void stream.write(": heartbeat\n\n"), heartbeatMs);
        await finished;
        clearInterval(heartbeat);
        unsubscribe();
      } finally {
        release();
        this.#open.delete(stream);
      }
      if (endedBecause)
        await stream.writeSSE({ event: "stream.ended", data: JSON.stringify({ reason: endedBecause }) });
    });
  }
}
