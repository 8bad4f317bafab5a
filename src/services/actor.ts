import type { Role } from "../db/schema/users.ts";

/** Who performs an action: a signed-in user, an API token acting for its owner, or Warden itself. */
export type Actor =
  | { type: "system"; id: null; label: string }
  | { type: "user"; id: string; label: string; role: Role; locale?: string | null }
  | { type: "token"; id: string; label: string; role: Role; tokenId: string; locale?: string | null };

/** An actor that is a person (directly or through one of their tokens). */
export type UserActor = Extract<Actor, { type: "user" | "token" }>;

/** The actor for actions Warden takes on its own (config reloads, scheduled jobs, CLI maintenance). */
export function systemActor(label = "warden"): Actor {
  return { type: "system", id: null, label };
}
