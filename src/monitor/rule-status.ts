/** Where a rule stands for one subject. */
export interface SubjectStatus {
  subject: string;
  state: "ok" | "pending" | "firing";
  value: number | null;
  /** Since when it is pending or firing (Unix ms). */
  since: number | null;
}

/** Where a rule stands: the worst of its subjects (disabled rules are not evaluated). */
export interface RuleStatus {
  state: "ok" | "pending" | "firing" | "disabled";
  value: number | null;
  since: number | null;
  subjects: SubjectStatus[];
}

/** One subject of a test evaluation: the measurement and what the engine would do now. */
export interface TestReading {
  subject: string;
  value: number | null;
  holds: boolean;
  outcome: "ok" | "pending" | "fire" | "firing" | "renotify" | "recover";
}

/** The status of a rule the engine does not know (or has not evaluated). */
export const NO_STATUS: RuleStatus = { state: "ok", value: null, since: null, subjects: [] };
