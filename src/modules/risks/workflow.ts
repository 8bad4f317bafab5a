import type { Transitions } from "../../kit/record-move.ts";
import type { RiskStatus } from "./schema.ts";

/**
 * Where a risk may go from each status (analysts and up move it). Forward through
 * assessment and treatment to monitoring, or closed from anywhere; a monitored or closed
 * risk is reopened to `assessed`, and a risk under treatment can go back to it when the
 * assessment changes.
 */
export const RISK_TRANSITIONS: Transitions<RiskStatus> = {
  identified: ["assessed", "closed"],
  assessed: ["treating", "monitored", "closed"],
  treating: ["monitored", "assessed", "closed"],
  monitored: ["treating", "assessed", "closed"],
  closed: ["assessed"],
};
