import { z } from "zod";
import { versionField } from "./record-versioning.ts";

/*
 * The input rules record kinds share: what a title, a description or a status move is
 * wherever a record has one. A module's own rules stay in its module.
 */

/** The id of a record or a user named in an input. */
export const recordIdField = z.string().min(1).max(64);

/** A record's title: trimmed, 1 to 200 characters. */
export const titleField = z.string().trim().min(1, "Enter a title.").max(200, "Use at most 200 characters.");

/** A record's description, at most 50,000 characters. */
export const descriptionField = z.string().max(50_000, "Use at most 50,000 characters.");

/** One of `values`; anything else is refused naming them: "Choose a `what`: low, medium …". */
export function choiceField<const T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, { error: `Choose a ${what}: ${values.join(", ")}.` });
}

/**
 * A move in a record's workflow: the status to move to and the version read (`version`
 * describes it in the API reference).
 */
export function statusMoveSchema<const T extends readonly [string, ...string[]]>(
  statuses: T,
  version = "The version read; a stale one is refused with 409",
) {
  return z.object({ status: choiceField(statuses, "status"), version: versionField(version) });
}

/** A note or a comment on a record's history (markdown). */
export const noteSchema = z.object({
  body: z.string().trim().min(1, "Write something.").max(10_000, "Use at most 10,000 characters."),
});

/** The list filter on the assignee: a user id, or "none". */
export const assigneeFilter = z.string().max(64).optional().describe('A user id, or "none" for unassigned');

/** A yes-or-no filter of a list query, `"true"` or `"false"` (left out: both), as `description` says. */
export function flagFilter(description: string) {
  return z.enum(["true", "false"]).optional().describe(description);
}

/** How far in the future a time that has already happened may lie (clocks differ a little). */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * A time in Unix ms that has already happened (a detection, a discovery); `message` says
 * which when one lies in the future.
 */
export function pastTimeField(message: string) {
  return z
    .number()
    .int()
    .min(0)
    .refine((ms) => ms <= Date.now() + CLOCK_SKEW_MS, message);
}
