import type { MetricSeries, Operator } from "../lib/rule-definition.ts";
import type { Sample } from "./sample.ts";

/** Reads one series from a sample: plain field reads, no allocation. */
export type SeriesReader = (sample: Sample) => number;

const percent = (used: number, total: number) => (total > 0 ? (used / total) * 100 : 0);

/** The reader of each series measured on every tick (`disk` comes with the filesystems, on their own cadence). */
const READERS: Readonly<Record<Exclude<MetricSeries, "disk">, SeriesReader>> = {
  cpu: (s) => s.cpu.busy,
  memory: (s) => percent(s.memory.used, s.memory.total),
  swap: (s) => percent(s.swap.used, s.swap.total),
  load1: (s) => s.load[0],
  network_in: (s) => s.network.rx,
  network_out: (s) => s.network.tx,
  processes: (s) => s.processes,
};

/** The reader of a tick series. */
export function seriesReader(series: Exclude<MetricSeries, "disk">): SeriesReader {
  return READERS[series];
}

/** The comparison of an operator, as a function picked once when a rule is compiled. */
export function comparator(operator: Operator): (value: number, limit: number) => boolean {
  switch (operator) {
    case ">":
      return (v, l) => v > l;
    case ">=":
      return (v, l) => v >= l;
    case "<":
      return (v, l) => v < l;
    case "<=":
      return (v, l) => v <= l;
  }
}

/** The unit a series is shown with. */
export function seriesUnit(series: MetricSeries): string {
  if (series === "network_in" || series === "network_out") return "B/s";
  if (series === "load1" || series === "processes") return "";
  return "%";
}
