import { Cron } from "croner";
import { Validation } from "../../lib/errors.ts";

/** Firings of a cron expression looked at to find its shortest interval. */
const RUNS_INSPECTED = 500;

/**
 * 422 on `ports` when a scan would make more than `scanner.maxProbesPerScan` connection
 * attempts (hosts × ports; host discovery's few probes per host aside).
 */
export function assertProbeBudget(hosts: number, ports: number, maxProbesPerScan: number): void {
  const probes = hosts * ports;
  if (probes <= maxProbesPerScan) return;
  const n = (value: number) => value.toLocaleString("en");
  throw new Validation({
    ports: `This scan would make ${n(probes)} probes (${n(hosts)} hosts × ${n(ports)} ports); scanner.maxProbesPerScan allows ${n(maxProbesPerScan)}. Scan fewer ports or a narrower range.`,
  });
}

/**
 * The shortest time in seconds between two firings of `cron`, over its next
 * firings from now (a pattern's firings repeat with its fields, so the closest pair shows
 * within them); null when it fires at most once more.
 */
export function shortestIntervalSeconds(cron: string): number | null {
  const job = new Cron(cron, { paused: true });
  const runs = job.nextRuns(RUNS_INSPECTED).map((date) => date.getTime());
  job.stop();
  let shortest: number | null = null;
  for (let i = 1; i < runs.length; i++) {
    const gap = ((runs[i] as number) - (runs[i - 1] as number)) / 1000;
    if (shortest === null || gap < shortest) shortest = gap;
  }
  return shortest;
}

/** 422 on `cron` when it fires more often than every `scanner.minScheduleIntervalSeconds`. */
export function assertScheduleInterval(cron: string, minSeconds: number): void {
  const shortest = shortestIntervalSeconds(cron);
  if (shortest === null || shortest >= minSeconds) return;
  throw new Validation({
    cron: `This fires every ${shortest.toLocaleString("en")} s at times; scanner.minScheduleIntervalSeconds asks for at least ${minSeconds.toLocaleString("en")} s between scans.`,
  });
}
