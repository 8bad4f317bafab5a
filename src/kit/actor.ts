import type { Role } from "../db/schema/users.ts";

/**
 * Who performs an action: a signed-in user (`sessionId`: the sign-in session of the access
 * token it came with), an API token acting for its owner (`expiresAt`: the token's expiry,
 * null for none), or Warden itself.
 */
export type Actor =
  | { type: "system"; id: null; label: string }
  | { type: "user"; id: string; label: string; role: Role; locale?: string | null; sessionId?: string }
  | {
      type: "token";
      id: string;
      label: string;
      role: Role;
      tokenId: string;
      expiresAt: number | null;
      locale?: string | null;
    };

/** An actor that is a person (directly or through one of their tokens). */
export type UserActor = Extract<Actor, { type: "user" | "token" }>;

/** The actor for actions Warden takes on its own (config reloads, scheduled jobs, CLI maintenance). */
export function systemActor(label = "warden"): Actor {
  return { type: "system", id: null, label };
}
