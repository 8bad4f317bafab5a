import type { ConfigSource } from "../config/live.ts";
import { TooManyRequests } from "../lib/errors.ts";
import type { Bus } from "./bus.ts";
import { type Credential, type EndedCredentials, isEndedBy } from "./ended-credentials.ts";

/** The longest delay `setTimeout` takes (about 24.8 days); a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Seconds a client refused for holding too many connections is asked to wait. */
const RETRY_AFTER_SECONDS = 10;

interface Connection {
  credential: Credential;
  end: (reason: string) => void;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Every live connection — Server-Sent Event streams and WebSockets alike — with the
 * credential it was opened with. A user holds at most `realtime.maxStreamsPerUser` of them
 * across both transports. A connection ends as soon as its credential does: announced on the
 * bus (sign-out, a revoked API token, refresh-token reuse, a password or role change,
 * deactivation) or at the credential's expiry (an API token that expires while it is open).
 */
export class LiveConnections {
  readonly #open = new Set<Connection>();

  constructor(
    bus: Bus,
    private readonly config: ConfigSource,
  ) {
    bus.subscribe(["sessions"], (event) => {
      const ended = event.data as EndedCredentials;
      for (const connection of this.#open)
        if (isEndedBy(connection.credential, ended)) this.#end(connection, ended.reason);
    });
  }

  /** Number of open connections (all users, both transports). */
  get size(): number {
    return this.#open.size;
  }

  /** Number of open connections of `userId`. */
  countOf(userId: string): number {
    let n = 0;
    for (const { credential } of this.#open) if (credential.userId === userId) n++;
    return n;
  }

  /**
   * Registers a connection opened with `credential`. `end` closes it, told why; it is called
   * at most once, when the credential ends or expires. Returns the function that removes the
   * connection (call it when the connection closes for any reason).
   * @throws TooManyRequests when the user already holds `realtime.maxStreamsPerUser` connections.
   */
  open(credential: Credential, end: (reason: string) => void): () => void {
    if (this.countOf(credential.userId) >= this.config.get().realtime.maxStreamsPerUser)
      throw new TooManyRequests(RETRY_AFTER_SECONDS);
    const connection: Connection = { credential, end, timer: null };
    this.#open.add(connection);
    if (credential.expiresAt) this.#expireAt(connection, credential.expiresAt);
    return () => this.#remove(connection);
  }

  #expireAt(connection: Connection, at: number): void {
    const wait = at - Date.now();
    if (wait <= 0) this.#end(connection, "token expired");
    else connection.timer = setTimeout(() => this.#expireAt(connection, at), Math.min(wait, MAX_TIMER_MS));
  }

  #end(connection: Connection, reason: string): void {
    if (!this.#open.has(connection)) return;
    this.#remove(connection);
    connection.end(reason);
  }

  #remove(connection: Connection): void {
    if (connection.timer) clearTimeout(connection.timer);
    this.#open.delete(connection);
  }
}
