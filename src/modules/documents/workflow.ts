import type { Action } from "../../kit/rbac.ts";
import type { Transitions } from "../../kit/record-move.ts";
import type { DocumentStatus } from "./schema.ts";

/**
 * Where a document may go from each state:
 *
 * - `draft → in_review`: the author asks for review.
 * - `in_review → approved` (needs `approve`: managers, admins) or `→ draft` (sent back).
 * - `approved → published` (needs `publish`: managers, admins), which stores the text as
 *   the next published version; or `→ draft` (changes wanted after all).
 * - `published → in_review`: a revision starts; the published version stays in force (and
 *   readable, and to be acknowledged) until the revision is published as the next version.
 * - `published → archived` (needs `publish`): withdrawn; nobody needs to acknowledge it any more.
 * - `archived → draft`: brought back to be revised and published again.
 *
 * Title and content change only in `draft` and `in_review` (what was approved is what gets
 * published); owner, frameworks, review date and the acknowledgment flag change in any state
 * but `archived`.
 */
export const TRANSITIONS: Transitions<DocumentStatus> = {
  draft: ["in_review"],
  in_review: ["approved", "draft"],
  approved: ["published", "draft"],
  published: ["in_review", "archived"],
  archived: ["draft"],
};

/** The permission a move into `to` needs on `documents`: approving and publishing (or withdrawing) are managers' calls. */
export function actionFor(to: DocumentStatus): Action {
  if (to === "approved") return "approve";
  if (to === "published" || to === "archived") return "publish";
  return "update";
}

/** States whose title and content may be edited. */
export const CONTENT_EDITABLE: readonly DocumentStatus[] = ["draft", "in_review"];

/** The first instant of the UTC day after `now`: a review date before it is due (today or past). */
export function reviewDueBefore(now = Date.now()): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1);
}

/** True when a review date is set and falls today (UTC) or earlier. */
export function isReviewDue(nextReviewAt: number | null, now = Date.now()): boolean {
  return nextReviewAt !== null && nextReviewAt < reviewDueBefore(now);
}
