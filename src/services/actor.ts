/** Who performs an action: Warden itself here; users and API tokens join with authentication. */
export type Actor = { type: "system"; id: null; label: string };

/** The actor for actions Warden takes on its own (config reloads, scheduled jobs, CLI maintenance). */
export function systemActor(label = "warden"): Actor {
  return { type: "system", id: null, label };
}
