/** What a test app's bus publishes while a test acts. */
import { expect } from "bun:test";
import type { Bus, BusEvent, Topic } from "../../src/realtime/bus.ts";

/** A recording of the events a bus publishes on one topic. */
export interface EventRecording {
  /** Ends the recording and answers the events it saw. */
  stop(): BusEvent[];
  /**
   * Ends the recording, expects the events it saw to be named `<kind>.<name>` for each of
   * `names` in turn (`"asset", ["created", "deleted"]`), and answers them.
   */
  stopExpecting(kind: string, names: string[]): BusEvent[];
}

/** Records the events `bus` publishes on `topic` from now on. */
export function recordEvents(bus: Bus, topic: Topic): EventRecording {
  const seen: BusEvent[] = [];
  const unsubscribe = bus.subscribe([topic], (event) => seen.push(event));
  const stop = () => {
    unsubscribe();
    return seen;
  };
  return {
    stop,
    stopExpecting(kind, names) {
      expect(stop().map((e) => e.name)).toEqual(names.map((name) => `${kind}.${name}`));
      return seen;
    },
  };
}
