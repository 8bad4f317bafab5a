import type { Resource } from "../kit/rbac.ts";

/**
 * The topics a client may subscribe to, each with what a subscriber must be allowed to read to
 * receive its events; an event's topic is its name up to the first dot.
 */
export const TOPIC_RESOURCE = {
  metrics: "system",
  processes: "processes",
  incidents: "incidents",
  assets: "assets",
  vulnerabilities: "vulnerabilities",
  documents: "documents",
  alerts: "alerts",
  cases: "cases",
  notifications: "notifications",
  scans: "scans",
  threats: "threats",
  risks: "risks",
  hosts: "hosts",
  vendors: "vendors",
} as const satisfies Readonly<Record<string, Resource>>;

/** A topic clients may subscribe to. */
export type Topic = keyof typeof TOPIC_RESOURCE;

/** The topics a client may subscribe to, in {@link TOPIC_RESOURCE}'s order. */
export const TOPICS = Object.keys(TOPIC_RESOURCE) as readonly Topic[];

/**
 * Topics only the server listens to: `sessions` says credentials ended (`credentials.ended`,
 * `EndedCredentials`: signed out, token revoked, password or role changed …); `users` says a
 * user's own settings changed (`user.changed`, `{userId}`).
 */
export type InternalTopic = "sessions" | "users";

/**
 * One published event. Ids grow by one across all topics, so a client can resume; they start
 * at the bus's creation time in microseconds, so an id handed out before a restart is always
 * below this bus's first (unless the old process published over a million events a second).
 */
export interface BusEvent {
  id: number;
  topic: Topic | InternalTopic;
  /** Dotted name, e.g. `metrics.tick`. */
  name: string;
  data: unknown;
  /** The one user this event is for (a notification); absent: every subscriber of the topic. */
  recipient?: string;
}

type Listener = (event: BusEvent) => void;

/**
 * How many recent events a topic keeps for clients resuming (Last-Event-ID) and pages opening
 * their stream (`since`): 100 unless said here. A process list is large and only the newest one
 * matters, so that topic keeps one.
 */
const RECENT_PER_TOPIC: Partial<Record<Topic | InternalTopic, number>> = {
  metrics: 120,
  processes: 1,
  hosts: 20,
  sessions: 0,
  users: 0,
};

/**
 * The in-process realtime bus: services and the metrics hub publish, the SSE and
 * WebSocket transports subscribe. Publishing costs the same whatever the number of
 * subscribers beyond calling each listener with the same event object.
 */
export class Bus {
  /** Ids above this one are this bus's. */
  readonly #before = Date.now() * 1000;
  #seq = this.#before;
  #listeners = new Map<Topic | InternalTopic, Set<Listener>>();
  #recent = new Map<Topic | InternalTopic, BusEvent[]>();
  /** Per topic, the id of the newest event no longer kept. */
  #droppedUpTo = new Map<Topic | InternalTopic, number>();

  /**
   * Publishes an event to every subscriber of its topic; with `recipient`, the transports
   * pass it only to that user's streams (see `isFor`).
   */
  publish(topic: Topic | InternalTopic, name: string, data: unknown, recipient?: string): BusEvent {
    const event: BusEvent = { id: ++this.#seq, topic, name, data, ...(recipient ? { recipient } : {}) };
    const recent = this.#recent.getOrInsertComputed(topic, () => []);
    recent.push(event);
    if (recent.length > (RECENT_PER_TOPIC[topic] ?? 100))
      this.#droppedUpTo.set(topic, recent.shift()?.id ?? 0);
    for (const listener of this.#listeners.get(topic) ?? []) listener(event);
    return event;
  }

  /** Calls `listener` for every event of `topics` from now on; returns the unsubscribe function. */
  subscribe(topics: readonly (Topic | InternalTopic)[], listener: Listener): () => void {
    for (const topic of topics) this.#listeners.getOrInsertComputed(topic, () => new Set()).add(listener);
    return () => {
      for (const topic of topics) this.#listeners.get(topic)?.delete(listener);
    };
  }

  /** Id of the newest event published (before the first, the id below it): what a page rendered now has seen. */
  get lastId(): number {
    return this.#seq;
  }

  /**
   * Events of `topics` after `afterId`, oldest first, for a client that reconnects or a page
   * that opens its stream; null when some were already dropped, or when `afterId` is not one
   * of this bus's (it came from before a restart): the client must start from a fresh snapshot.
   */
  since(topics: readonly Topic[], afterId: number): BusEvent[] | null {
    if (afterId < this.#before || afterId > this.#seq) return null;
    const events: BusEvent[] = [];
    for (const topic of topics) {
      if ((this.#droppedUpTo.get(topic) ?? 0) > afterId) return null;
      events.push(...(this.#recent.get(topic) ?? []).filter((e) => e.id > afterId));
    }
    return events.sort((a, b) => a.id - b.id);
  }

  /** Number of subscribers of a topic (the hub samples slower when nobody watches). */
  subscribers(topic: Topic): number {
    return this.#listeners.get(topic)?.size ?? 0;
  }
}

const serialized = new WeakMap<BusEvent, string>();

/** An event's data as JSON, computed once however many subscribers send it. */
export function eventJson(event: BusEvent): string {
  return serialized.getOrInsertComputed(event, () => JSON.stringify(event.data));
}

/** True when a client of `userId` may receive `event`: it names no recipient, or that user. */
export function isFor(event: BusEvent, userId: string | null): boolean {
  return event.recipient === undefined || event.recipient === userId;
}

/** True when `name` is a known topic. */
export function isTopic(name: string): name is Topic {
  return (TOPICS as readonly string[]).includes(name);
}
