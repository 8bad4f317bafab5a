import type { User } from "../../db/schema/users.ts";
import type { Bus } from "../../realtime/bus.ts";
import type { EndedCredentials } from "../../realtime/ended-credentials.ts";
import type { AccessClaims } from "./access-tokens.ts";

/** How long a session user or session state read from the database is trusted without a change announced. */
const USER_TTL_MS = 1000;
/** Verified tokens kept at once (one per signed-in browser or client); the oldest goes first. */
const MAX_TOKENS = 10_000;

/** The columns of a user every authenticated request needs. */
export type SessionUser = Pick<User, "id" | "username" | "role" | "isActive" | "tokenVersion" | "locale">;

/**
 * The hot path of every request signed with an access token, kept off the CPU and the
 * database: a token whose signature was verified once is not verified again until it
 * expires (a signature cannot turn invalid; only valid tokens are kept, so garbage cannot
 * fill the cache), and the user and sign-in session behind it are read at most once a second.
 * Credentials ended in this process (`credentials.ended` on the bus: logout, refresh-token
 * reuse, password or role change, deactivation) or a changed setting (`user.changed`:
 * language) drop that user at once, and an ended session is known ended from then on, so
 * the change holds on the very next request; a change made by another process (a `warden
 * user` command) holds within a second.
 */
export class SessionCache {
  readonly #tokens = new Map<string, AccessClaims>();
  #secret: string | null = null;
  readonly #users = new Map<string, Read<SessionUser | undefined>>();
  /** Whether a sign-in session ended; `at: Infinity` once it has (an end is final). */
  readonly #ended = new Map<string, Read<boolean>>();

  constructor(bus?: Bus) {
    bus?.subscribe(["sessions", "users"], (event) => {
      const { userId, sessionId } = event.data as Partial<EndedCredentials> & { userId: string };
      this.#users.delete(userId);
      if (sessionId)
        this.#ended.set(sessionId, { at: Number.POSITIVE_INFINITY, value: Promise.resolve(true) });
    });
  }

  /** The claims of `token` under `secret`, verified by `verify` unless already verified and unexpired. */
  async claims(
    token: string,
    secret: string,
    verify: (token: string, secret: string) => Promise<AccessClaims | null>,
  ): Promise<AccessClaims | null> {
    if (secret !== this.#secret) {
      this.#tokens.clear();
      this.#secret = secret;
    }
    const known = this.#tokens.get(token);
    if (known && known.exp * 1000 > Date.now()) return known;
    if (known) this.#tokens.delete(token);
    const claims = await verify(token, secret);
    if (claims && secret === this.#secret) {
      this.#tokens.set(token, claims);
      if (this.#tokens.size > MAX_TOKENS) this.#tokens.delete(this.#tokens.keys().next().value as string);
    }
    return claims;
  }

  /** The session user `id`, read by `load` at most once a second (reads running together share one). */
  user(id: string, load: () => Promise<SessionUser | undefined>): Promise<SessionUser | undefined> {
    return readAtMostEverySecond(this.#users, id, load);
  }

  /**
   * Whether sign-in session `id` ended (signed out, revoked), read by `load` at most once a
   * second until it has; from then on it is known without a read.
   */
  sessionEnded(id: string, load: () => Promise<boolean>): Promise<boolean> {
    const ended = readAtMostEverySecond(this.#ended, id, load);
    void ended.then((yes) => {
      if (yes && this.#ended.get(id)?.value === ended)
        this.#ended.set(id, { at: Number.POSITIVE_INFINITY, value: ended });
    });
    if (this.#ended.size > MAX_TOKENS) this.#ended.delete(this.#ended.keys().next().value as string);
    return ended;
  }
}

/** A value read at `at` (ms), or being read. */
interface Read<T> {
  at: number;
  value: Promise<T>;
}

/** `key` from `cache` when read less than a second ago, else read by `load` (a failed read is not kept). */
function readAtMostEverySecond<T>(cache: Map<string, Read<T>>, key: string, load: () => Promise<T>) {
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && now - hit.at < USER_TTL_MS) return hit.value;
  const value = load();
  cache.set(key, { at: now, value });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}
