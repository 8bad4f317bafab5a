import { Cron } from "croner";
import { eq } from "drizzle-orm";
import { systemActor } from "../../kit/actor.ts";
import type { BackgroundFailures } from "../../lib/background-failures.ts";
import { AppError } from "../../lib/errors.ts";
import type { Logger } from "../../lib/log.ts";
import { type ScanSchedule, scanSchedules } from "./schedules-schema.ts";
import { type ScanDeps, startScan } from "./service.ts";

/**
 * Runs the enabled schedules in-process with croner: each firing starts a scan through the
 * same path and queue as a person's scan (acting as Warden, the schedule named in the
 * audit trail). Jobs are rebuilt whenever a schedule changes.
 */
export class ScanScheduler {
  #jobs: Cron[] = [];
  #unsubscribe: (() => void) | null = null;

  constructor(private readonly deps: ScanDeps & { log: Logger; failures?: BackgroundFailures }) {}

  /** Loads the enabled schedules and follows their changes on the bus. */
  async start(): Promise<void> {
    this.#unsubscribe ??=
      this.deps.bus?.subscribe(["scans"], (event) => {
        if (event.name.startsWith("scan_schedule."))
          this.reload().catch((error) => {
            this.deps.failures?.count("scan schedules");
            this.deps.log.error("could not reload scan schedules", { error });
          });
      }) ?? null;
    await this.reload();
  }

  /** Replaces the running jobs by those of the schedules enabled now. */
  async reload(): Promise<void> {
    const schedules = await this.deps.db.select().from(scanSchedules).where(eq(scanSchedules.enabled, true));
    // Saving refuses a cron firing more often than this; croner holds a schedule stored
    // before the setting was raised to it too.
    const interval = this.deps.config.get().scanner.minScheduleIntervalSeconds;
    this.#stopJobs();
    this.#jobs = schedules.map(
      (schedule) =>
        new Cron(schedule.cron, { protect: true, name: schedule.id, interval }, () => this.fire(schedule)),
    );
  }

  /** Ids of the schedules with a running job. */
  scheduled(): string[] {
    return this.#jobs.map((job) => job.name ?? "");
  }

  /** Starts the scan of `schedule` now (what a firing does). */
  async fire(schedule: ScanSchedule): Promise<void> {
    try {
      // The schedule's stored scan settings are the scan's (startScan reads only those fields).
      const scan = await startScan(this.deps, systemActor(`schedule ${schedule.name}`), schedule, {
        scheduleId: schedule.id,
      });
      await this.deps.db
        .update(scanSchedules)
        .set({ lastRunAt: scan.createdAt, lastScanId: scan.id })
        .where(eq(scanSchedules.id, schedule.id));
    } catch (error) {
      const reason = error instanceof AppError ? error.detail : undefined;
      if (!(error instanceof AppError)) this.deps.failures?.count("scan schedules");
      this.deps.log.warn("a scheduled scan could not start", { scheduleId: schedule.id, reason, error });
    }
  }

  /** Stops every job (shutdown). */
  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#stopJobs();
  }

  #stopJobs(): void {
    for (const job of this.#jobs) job.stop();
    this.#jobs = [];
  }
}
