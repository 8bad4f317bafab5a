/** Where one rule stands for one subject (the host, a mount, a port). */
export interface SubjectState {
  /** When the condition started to hold (Unix ms); null while it does not or once firing. */
  pendingSince: number | null;
  /** When the rule fired for this subject; null while not firing. */
  firingSince: number | null;
  /** When the alert was last raised (fired or re-notified). */
  lastNotified: number;
  /** The last value measured (a metric, the number of matching processes, the port). */
  value: number | null;
}

/** What a step asks the engine to do. */
export type StepAction = "none" | "fire" | "renotify" | "recover";

/** A subject's state before anything was measured. */
export function idleState(): SubjectState {
  return { pendingSince: null, firingSince: null, lastNotified: 0, value: null };
}

/**
 * Moves a subject's state one measurement on (in place) and says what to do. Not firing:
 * fires once the condition `holds` for `forMs` without a break. Firing: recovers when
 * `recovered` (the clear threshold crossed back: hysteresis), else re-notifies every
 * `renotifyMs` (0: never).
 */
export function step(
  state: SubjectState,
  holds: boolean,
  recovered: boolean,
  now: number,
  forMs: number,
  renotifyMs: number,
): StepAction {
  if (state.firingSince === null) {
    if (!holds) {
      state.pendingSince = null;
      return "none";
    }
    state.pendingSince ??= now;
    if (now - state.pendingSince < forMs) return "none";
    state.pendingSince = null;
    state.firingSince = now;
    state.lastNotified = now;
    return "fire";
  }
  if (recovered) {
    state.firingSince = null;
    state.pendingSince = null;
    return "recover";
  }
  if (renotifyMs > 0 && now - state.lastNotified >= renotifyMs) {
    state.lastNotified = now;
    return "renotify";
  }
  return "none";
}

/** The word for a state: firing, pending (holding but not for long enough yet) or ok. */
export function stateWord(state: SubjectState): "ok" | "pending" | "firing" {
  if (state.firingSince !== null) return "firing";
  return state.pendingSince !== null ? "pending" : "ok";
}
