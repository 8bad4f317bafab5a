import { describe, expect, test } from "bun:test";
import { comparator } from "../../src/monitor/rule-metrics.ts";
import { idleState, stateWord, step } from "../../src/monitor/rule-state.ts";

/** Feeds values to a "> 90, clear 80" rule that must hold 3 s and re-notifies every 10 s; one value per second. */
function run(values: number[], forMs = 3000, renotifyMs = 10_000) {
  const above = comparator(">");
  const state = idleState();
  return values.map((value, i) => {
    const action = step(state, above(value, 90), !above(value, 80), i * 1000, forMs, renotifyMs);
    return `${action}/${stateWord(state)}`;
  });
}

describe("rule state machine", () => {
  test("fires only once the condition held for the whole duration; a dip starts the wait again", () => {
    expect(run([95, 95, 85, 95, 95, 95, 95])).toEqual([
      "none/pending",
      "none/pending",
      "none/ok",
      "none/pending",
      "none/pending",
      "none/pending",
      "fire/firing",
    ]);
  });

  test("recovers at the clear threshold, not at the threshold (hysteresis)", () => {
    expect(run([95, 89, 85, 81, 80, 95], 0)).toEqual([
      "fire/firing",
      "none/firing",
      "none/firing",
      "none/firing",
      "recover/ok",
      "fire/firing",
    ]);
  });

  test("re-notifies every interval while firing, never with an interval of 0", () => {
    const firing = Array.from({ length: 25 }, () => 95);
    const actions = run(firing, 0, 10_000);
    expect(actions.flatMap((a, i) => (a.startsWith("none") ? [] : [`${i}:${a}`]))).toEqual([
      "0:fire/firing",
      "10:renotify/firing",
      "20:renotify/firing",
    ]);
    expect(run(firing, 0, 0).filter((a) => a.startsWith("renotify"))).toEqual([]);
  });

  test("below-threshold rules compare the other way round", () => {
    const below = comparator("<=");
    const state = idleState();
    expect(step(state, below(5, 10), !below(5, 20), 0, 0, 0)).toBe("fire");
    expect(step(state, below(15, 10), !below(15, 20), 1, 0, 0)).toBe("none");
    expect(step(state, below(21, 10), !below(21, 20), 2, 0, 0)).toBe("recover");
  });
});
