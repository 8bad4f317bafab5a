import type { Transitions } from "../../kit/record-move.ts";
import type { CaseStatus } from "./cases-schema.ts";

/** Where a case may go: open → investigating → closed, closing early, and reopening a closed one to investigating. */
export const CASE_TRANSITIONS: Transitions<CaseStatus> = {
  open: ["investigating", "closed"],
  investigating: ["closed"],
  closed: ["investigating"],
};
