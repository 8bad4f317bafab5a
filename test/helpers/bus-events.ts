/** What a test app's bus publishes while a test acts. */
import type { Bus, BusEvent, Topic } from "../../src/realtime/bus.ts";

/** Records the events `bus` publishes on `topic` from now on; `stop()` ends that and answers them. */
export function recordEvents(bus: Bus, topic: Topic): { stop(): BusEvent[] } {
  const seen: BusEvent[] = [];
  const unsubscribe = bus.subscribe([topic], (event) => seen.push(event));
  return {
    stop() {
      unsubscribe();
      return seen;
    },
  };
}
