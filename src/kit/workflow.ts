import { Conflict } from "../lib/errors.ts";

/** Where a record may go from each status of its workflow. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

/**
 * Nothing when `transitions` let a record move from `from` to `to`; otherwise a 409 with the
 * module's own `refusal` (its catalog entry), given where the record can go ("triage or closed").
 */
export function assertMove<S extends string>(
  transitions: Transitions<S>,
  from: S,
  to: S,
  refusal: (allowed: string) => string,
): void {
  if (!transitions[from].includes(to)) throw new Conflict(refusal(transitions[from].join(" or ")));
}
