import { Cron } from "croner";
import { asc, eq } from "drizzle-orm";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import type { Changes, RequestFacts } from "../../kit/audit.ts";
import { newRowStamp } from "../../kit/new-row.ts";
import { assertCan } from "../../kit/rbac.ts";
import { changesOf, createdChanges, deletedChanges } from "../../kit/record-changes.ts";
import { type ChangeKind, commitChange } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import type { ScheduleInput } from "./input.ts";
import { assertScheduleInterval } from "./limits.ts";
import { type ScanSchedule, scanSchedules } from "./schedules-schema.ts";
import { checkedScanSettings, type ScanDeps } from "./service.ts";

/** Audit entries name scan schedules; the bus announces them on `scans`. */
const SCHEDULE_KIND: ChangeKind = { resourceType: "scan_schedule", topic: "scans" };

/** A schedule as the API and pages show it, with when it fires next (null when disabled or never again). */
export type ScheduleView = ScanSchedule & { nextRunAt: number | null };

function toView(schedule: ScanSchedule): ScheduleView {
  if (!schedule.enabled) return { ...schedule, nextRunAt: null };
  const job = new Cron(schedule.cron, { paused: true });
  const next = job.nextRun();
  job.stop();
  return { ...schedule, nextRunAt: next ? next.getTime() : null };
}

/** Every schedule, by name (admins). */
export async function listSchedules(deps: Pick<ScanDeps, "db">, actor: Actor): Promise<ScheduleView[]> {
  assertCan(actor, "read", "scans");
  const rows = await deps.db
    .select()
    .from(scanSchedules)
    .orderBy(asc(scanSchedules.name), asc(scanSchedules.id));
  return rows.map(toView);
}

/** One schedule (admins); 404 when unknown. */
export async function getSchedule(
  deps: Pick<ScanDeps, "db">,
  actor: Actor,
  id: string,
): Promise<ScheduleView> {
  assertCan(actor, "read", "scans");
  return toView(await findRow(deps.db, scanSchedules, "scan schedule", id));
}

/**
 * The schedule's fields, its scan settings checked now as a scan's would be, its cron no
 * more frequent than `scanner.minScheduleIntervalSeconds` (422 on `cron`).
 */
async function checkedSchedule(deps: ScanDeps, input: ScheduleInput) {
  assertScheduleInterval(input.cron, deps.config.get().scanner.minScheduleIntervalSeconds);
  return {
    name: input.name,
    cron: input.cron,
    enabled: input.enabled,
    ...(await checkedScanSettings(deps, input)),
  };
}

/**
 * Writes a change of schedule `id` (`verb`: created, updated or deleted) with `write`,
 * audited as `scan_schedule.<verb>` in the same transaction and announced once committed.
 */
function commitSchedule(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  verb: "create" | "update" | "delete",
  changes: Changes,
  request: RequestFacts | undefined,
  write: (tx: Tx) => Promise<unknown>,
): Promise<unknown> {
  const change = {
    actor,
    request,
    id,
    action: `scan_schedule.${verb}`,
    changes,
    event: `scan_schedule.${verb}d`,
  };
  return commitChange(deps, SCHEDULE_KIND, change, write);
}

/** Creates a schedule (admins); its target must be allowed now. */
export async function createSchedule(
  deps: ScanDeps,
  actor: Actor,
  input: ScheduleInput,
  request?: RequestFacts,
): Promise<ScheduleView> {
  assertCan(actor, "create", "scans");
  const values = await checkedSchedule(deps, input);
  const row: ScanSchedule = { ...newRowStamp(actor), ...values, lastRunAt: null, lastScanId: null };
  await commitSchedule(deps, actor, row.id, "create", createdChanges(values), request, (tx) =>
    tx.insert(scanSchedules).values(row),
  );
  return toView(row);
}

/**
 * Sets on schedule `id` (read first: 404 when unknown) the values `valuesOf` answers, audited
 * and announced; answers the schedule as it is now. The caller checks the permission.
 */
async function changeSchedule(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  request: RequestFacts | undefined,
  valuesOf: () => Promise<Partial<ScanSchedule>> | Partial<ScanSchedule>,
): Promise<ScheduleView> {
  const before = await getSchedule(deps, actor, id);
  const values = await valuesOf();
  await commitSchedule(deps, actor, id, "update", changesOf(before, values), request, (tx) =>
    tx
      .update(scanSchedules)
      .set({ ...values, updatedAt: Date.now() })
      .where(eq(scanSchedules.id, id)),
  );
  return getSchedule(deps, actor, id);
}

/** Replaces a schedule's settings (admins). */
export async function updateSchedule(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  input: ScheduleInput,
  request?: RequestFacts,
): Promise<ScheduleView> {
  assertCan(actor, "update", "scans");
  return changeSchedule(deps, actor, id, request, () => checkedSchedule(deps, input));
}

/** Enables or disables a schedule (admins); a disabled one never fires. */
export async function setScheduleEnabled(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  enabled: boolean,
  request?: RequestFacts,
): Promise<ScheduleView> {
  assertCan(actor, "update", "scans");
  return changeSchedule(deps, actor, id, request, () => ({ enabled }));
}

/** Deletes a schedule (admins); the scans it started stay. */
export async function deleteSchedule(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  assertCan(actor, "delete", "scans");
  const before = await getSchedule(deps, actor, id);
  await commitSchedule(deps, actor, id, "delete", deletedChanges({ name: before.name }), request, (tx) =>
    tx.delete(scanSchedules).where(eq(scanSchedules.id, id)),
  );
}
