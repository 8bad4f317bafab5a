import { Cron } from "croner";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { toLocalInput } from "../../kit/zoned-day.ts";
import type { BackgroundFailures } from "../../lib/background-failures.ts";
import { chunks } from "../../lib/chunks.ts";
import type { Logger } from "../../lib/log.ts";
import { riskSnapshots } from "./snapshot-schema.ts";

/** One risk as a day's snapshot records it. */
export type SnapshotRow = Omit<typeof riskSnapshots.$inferInsert, "day">;

/** The job's name in logs and in the background failure counts. */
export const SNAPSHOT_JOB = "risk snapshots";

/** When the daily snapshot is taken (croner, server time): late, so a day keeps how it ended. */
export const SNAPSHOT_CRON = "55 23 * * *";

/** How long after a failed snapshot it is tried again. */
export const SNAPSHOT_RETRY_MS = 10 * 60_000;

/** Rows per insert statement: 7 parameters each, well under SQLite's limit. */
const CHUNK = 500;

/** The time zone of the server (what "today" means for snapshots). */
export function serverTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** The day (`YYYY-MM-DD`) the instant `at` falls on in `timeZone`. */
export function snapshotDay(at: number, timeZone = serverTimeZone()): string {
  return toLocalInput(at, timeZone).slice(0, 10);
}

/** True when a snapshot of `day` holds at least one row. */
export async function hasSnapshot(db: Pick<Db, "select">, day: string): Promise<boolean> {
  const [row] = await db
    .select({ day: riskSnapshots.day })
    .from(riskSnapshots)
    .where(eq(riskSnapshots.day, day))
    .limit(1);
  return row !== undefined;
}

/**
 * Records `rows` as the snapshot of `day`, replacing whatever that day held (taking a day
 * again is harmless), in one transaction. Answers how many rows were written.
 */
export async function takeSnapshot(db: Db, day: string, rows: readonly SnapshotRow[]): Promise<number> {
  await db.transaction(async (tx) => {
    await tx.delete(riskSnapshots).where(eq(riskSnapshots.day, day));
    for (const part of chunks(rows, CHUNK))
      await tx.insert(riskSnapshots).values(part.map((row) => ({ ...row, day })));
  });
  return rows.length;
}

/** What the snapshot schedule needs. */
export interface SnapshotScheduleOptions {
  db: Db;
  log: Logger;
  /** The live risks as rows (the risks module reads its own table). */
  source: () => Promise<SnapshotRow[]>;
  failures?: BackgroundFailures;
  /** Defaults: {@link SNAPSHOT_CRON}, the server's zone, {@link SNAPSHOT_RETRY_MS}, `Date.now`. */
  cron?: string;
  timeZone?: string;
  retryMs?: number;
  now?: () => number;
}

/**
 * Takes today's snapshot at start when it is missing, then every day at {@link SNAPSHOT_CRON}
 * (replacing the start's, so a day keeps how it ended). A failure is logged and counted as
 * {@link SNAPSHOT_JOB}, and tried again after `retryMs` until it succeeds or the next daily
 * run takes over. Answers the running schedule.
 */
export function startSnapshots(options: SnapshotScheduleOptions) {
  const now = options.now ?? Date.now;
  const timeZone = options.timeZone ?? serverTimeZone();
  const today = () => snapshotDay(now(), timeZone);
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> = Promise.resolve();

  const take = async (onlyIfMissing: boolean) => {
    const day = today();
    if (onlyIfMissing && (await hasSnapshot(options.db, day))) return;
    const count = await takeSnapshot(options.db, day, await options.source());
    options.log.info("risk snapshot taken", { day, count });
  };
  const attempt = (onlyIfMissing: boolean): Promise<void> => {
    if (retry) clearTimeout(retry);
    retry = null;
    running = take(onlyIfMissing).catch((error) => {
      options.failures?.count(SNAPSHOT_JOB);
      options.log.error("risk snapshot failed", { error });
      if (!stopped) retry = setTimeout(() => attempt(true), options.retryMs ?? SNAPSHOT_RETRY_MS);
    });
    return running;
  };

  const job = new Cron(options.cron ?? SNAPSHOT_CRON, { protect: true, timezone: timeZone }, () =>
    attempt(false),
  );
  return {
    /** Settles once the start check (and the snapshot it took, or its first try) is done. */
    started: attempt(true),
    /** Ends the schedule and any pending retry, and waits for a snapshot under way. */
    async stop(): Promise<void> {
      stopped = true;
      job.stop();
      if (retry) clearTimeout(retry);
      await running;
    },
  };
}
