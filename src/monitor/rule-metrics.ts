import type { MetricSeries, Operator } from "../lib/rule-definition.ts";
import { SERIES } from "./history.ts";
import type { Sample } from "./sample.ts";

/** Reads one series from a sample: plain field reads, no allocation. */
export type SeriesReader = (sample: Sample) => number;

/** The reader of each series measured on every tick (`disk` comes with the filesystems, on their own cadence). */
export const SERIES_READERS: Readonly<Record<Exclude<MetricSeries, "disk">, SeriesReader>> = {
  cpu: SERIES.cpu.of,
  memory: SERIES.memory.of,
  swap: SERIES.swap.of,
  load1: SERIES.load1.of,
  network_in: SERIES.net_rx.of,
  network_out: SERIES.net_tx.of,
  processes: SERIES.processes.of,
};

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
