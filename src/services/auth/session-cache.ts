import type { Role } from "../../db/schema/users.ts";
import type { Bus } from "../../realtime/bus.ts";
import type { AccessClaims } from "./access-tokens.ts";

/** How long a session user read from the database is trusted without a change announced. */
const USER_TTL_MS = 1000;
/** Verified tokens kept at once (one per signed-in browser or client); the oldest goes first. */
const MAX_TOKENS = 10_000;

/** The columns of a user every authenticated request needs. */
export interface SessionUser {
  id: string;
  username: string;
  role: Role;
  isActive: boolean;
  tokenVersion: number;
  locale: string | null;
}

/**
 * The hot path of every request signed with an access token, kept off the CPU and the
 * database: a token whose signature was verified once is not verified again until it
 * expires (a signature cannot turn invalid; only valid tokens are kept, so garbage cannot
 * fill the cache), and the user behind it is read at most once a second. A session ended in
 * this process (`session.ended` on the bus: logout, password or role change, deactivation)
 * or a changed setting (`user.changed`: language) drops that user at once, so the change holds
 * on the very next request; a change made by another process (a `warden user` command) holds
 * within a second.
 */
export class SessionCache {
  readonly #tokens = new Map<string, AccessClaims>();
  #secret: string | null = null;
  readonly #users = new Map<string, { at: number; user: Promise<SessionUser | undefined> }>();

  constructor(bus?: Bus) {
    bus?.subscribe(["sessions", "users"], (event) =>
      this.#users.delete((event.data as { userId: string }).userId),
    );
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
    const now = Date.now();
    const hit = this.#users.get(id);
    if (hit && now - hit.at < USER_TTL_MS) return hit.user;
    const user = load();
    this.#users.set(id, { at: now, user });
    user.catch(() => {
      if (this.#users.get(id)?.user === user) this.#users.delete(id);
    });
    return user;
  }
}
