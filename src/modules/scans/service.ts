import { and, count, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import type { ConfigSource } from "../../config/live.ts";
import type { Db } from "../../db/client.ts";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { announceChange, auditChange, type ChangeKind, commitChange } from "../../kit/record-events.ts";
import { foundOr404 } from "../../kit/record-lookup.ts";
import { Conflict, Validation } from "../../lib/errors.ts";
import { containsText, orderByOf, type Page, rankOf, readPage } from "../../lib/list-query.ts";
import { type Resolver, systemResolver } from "../../lib/resolver.ts";
import type { Bus } from "../../realtime/bus.ts";
import { hosts } from "../hosts/schema.ts";
import { type ScanDiff, scanDiff } from "./diff.ts";
import type { NewScan, ScanQuery } from "./input.ts";
import { assertProbeBudget } from "./limits.ts";
import { parsePortSpec } from "./ports.ts";
import type { RemoteScan } from "./remote-run.ts";
import { progressOf, type ScanRunner } from "./runner.ts";
import { FINISHED_SCAN_STATUSES, LOCAL_SCAN_ORIGIN, SCAN_STATUSES, type Scan, scans } from "./schema.ts";
import { resolveTargets } from "./targets.ts";

/** What scan services need. */
export interface ScanDeps {
  db: Db;
  bus?: Bus;
  config: ConfigSource;
  runner: ScanRunner;
  resolve?: Resolver;
}

/** Audit entries name scans; the bus announces them on `scans`. */
export const SCAN_KIND: ChangeKind = { resourceType: "scan", topic: "scans" };

/** The options a scan was asked with, as the API shows them. */
export const scanOptions = {
  target: z.string(),
  ports: z.string().describe("The port specification as asked"),
  concurrency: z.number().int(),
  connectTimeoutMs: z.number().int(),
  hostDiscovery: z.boolean(),
};

/** A scan as the API returns it. */
export const scanSchema = z.object({
  id: z.string(),
  ...scanOptions,
  hostId: z
    .string()
    .describe(
      'The host it ran from: "local" (the one Warden runs on) or an agent\'s host (`POST /api/v1/hosts/:id/scans`)',
    ),
  hostName: z.string().nullable().describe("That agent's host's name; null for local"),
  status: z.enum(SCAN_STATUSES),
  createdBy: z
    .object({ id: z.string(), name: z.string() })
    .nullable()
    .describe("null: started by a schedule"),
  scheduleId: z.string().nullable(),
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  durationMs: z.number().int().nullable(),
  hostCount: z.number().int().describe("Addresses the target stands for"),
  hostsUp: z.number().int().describe("Hosts that answered (a port accepted or refused)"),
  portsTotal: z.number().int(),
  portsDone: z.number().int(),
  openCount: z.number().int(),
  closedCount: z.number().int().describe("Refused connections"),
  filteredCount: z.number().int().describe("No answer within the connect timeout"),
  percent: z.number(),
  etaMs: z.number().int().nullable(),
  error: z.string().nullable(),
});

/** A scan as the API and pages show it (its fields described in the API's schema). */
export type ScanView = z.infer<typeof scanSchema>;

const SORT_COLUMNS = {
  createdAt: scans.createdAt,
  target: sql`${scans.target} collate nocase`,
  status: rankOf(scans.status, SCAN_STATUSES),
};

function toView(scan: Scan, creatorName: string | null, hostName: string | null, now = Date.now()): ScanView {
  const { createdBy, ...rest } = scan;
  const progress = progressOf({ done: scan.portsDone, total: scan.portsTotal }, scan.startedAt ?? now, now);
  const running = scan.status === "running";
  return {
    ...rest,
    createdBy: createdBy ? { id: createdBy, name: creatorName ?? "" } : null,
    hostName: scan.hostId === LOCAL_SCAN_ORIGIN ? null : (hostName ?? scan.hostId),
    percent: scan.status === "completed" ? 100 : scan.portsTotal === 0 ? 0 : progress.percent,
    etaMs: running ? progress.etaMs : null,
    durationMs: scan.startedAt === null ? null : (scan.finishedAt ?? now) - scan.startedAt,
  };
}

function joined(db: Db) {
  return db
    .select({ scan: scans, creatorName: users.displayName, hostName: hosts.hostname })
    .from(scans)
    .leftJoin(users, eq(users.id, scans.createdBy))
    .leftJoin(hosts, eq(hosts.id, scans.hostId));
}

/** A page of scans, newest first unless asked otherwise (admins). */
export async function listScans(db: Db, actor: Actor, query: ScanQuery): Promise<Page<ScanView>> {
  assertCan(actor, "read", "scans");
  const conditions: (SQL | undefined)[] = [];
  if (query.status) conditions.push(eq(scans.status, query.status));
  if (query.q) conditions.push(containsText([scans.target, scans.ports], query.q));
  const where = and(...conditions);
  const page = await readPage(
    query,
    db.select({ n: count() }).from(scans).where(where),
    joined(db)
      .where(where)
      .orderBy(...orderByOf(query.sort, SORT_COLUMNS, scans.id)),
  );
  const now = Date.now();
  return { ...page, items: page.items.map((row) => toView(row.scan, row.creatorName, row.hostName, now)) };
}

async function findScan(db: Db, id: string) {
  const [row] = await joined(db).where(eq(scans.id, id)).limit(1);
  return foundOr404(row, "scan", id);
}

/**
 * A scan with the diff against the previous scan of its target (admins); what it found is
 * read a page at a time (`results.ts`).
 */
export async function getScan(db: Db, actor: Actor, id: string): Promise<{ scan: ScanView; diff: ScanDiff }> {
  assertCan(actor, "read", "scans");
  const { scan, creatorName, hostName } = await findScan(db, id);
  const diff =
    scan.status === "completed"
      ? await scanDiff(db, scan)
      : { previous: null, newlyOpen: [], newlyClosed: [] };
  return { scan: toView(scan, creatorName, hostName), diff };
}

/**
 * A scan's settings with the configured defaults filled in, checked as every scan is:
 * concurrency within `scanner.maxConcurrency` (422), the target resolved and inside
 * `scanner.allowedTargets` (403, before any packet is sent), hosts × ports within
 * `scanner.maxProbesPerScan` (422 on `ports`).
 */
export async function checkedScanSettings(deps: ScanDeps, input: NewScan) {
  const settings = deps.config.get().scanner;
  const concurrency = input.concurrency ?? Math.min(settings.concurrency, settings.maxConcurrency);
  if (concurrency > settings.maxConcurrency)
    throw new Validation({ concurrency: `Use at most ${settings.maxConcurrency} (scanner.maxConcurrency).` });
  const hosts = await resolveTargets(input.target, settings.allowedTargets, deps.resolve ?? systemResolver);
  const ports = parsePortSpec(input.ports);
  assertProbeBudget(hosts.length, ports.ok ? ports.ports.length : 0, settings.maxProbesPerScan);
  return {
    target: input.target,
    ports: input.ports,
    concurrency,
    connectTimeoutMs: input.connectTimeoutMs ?? settings.connectTimeoutMs,
    hostDiscovery: input.hostDiscovery,
  };
}

/**
 * Starts a scan (admins, or a schedule acting as Warden): the target is resolved and checked
 * against `scanner.allowedTargets` first (403 naming that setting, before any packet), the
 * scan is stored, audited and handed to the runner, which starts it or queues it behind a
 * scan of the same target. With `origin` an agent's host runs it: its agent checks the
 * target against its own `agent.scanTargets` (a refusal fails the scan, with its reason).
 */
export async function startScan(
  deps: ScanDeps,
  actor: Actor,
  input: NewScan,
  options: {
    request?: RequestFacts;
    scheduleId?: string;
    origin?: { hostId: string; remote: RemoteScan };
  } = {},
): Promise<ScanView> {
  assertCan(actor, "create", "scans");
  const { origin } = options;
  // An agent's scan runs with the agent's own settings (`scanner.*` and `agent.scanTargets` on
  // its host): only its target and ports are stored as asked, the rest as 0 and no discovery.
  const settings = origin
    ? { target: input.target, ports: input.ports, concurrency: 0, connectTimeoutMs: 0, hostDiscovery: false }
    : await checkedScanSettings(deps, input);
  const row = {
    id: Bun.randomUUIDv7(),
    ...settings,
    hostId: origin?.hostId ?? LOCAL_SCAN_ORIGIN,
    status: "queued" as const,
    createdBy: actor.type === "system" ? null : actor.id,
    scheduleId: options.scheduleId ?? null,
    createdAt: Date.now(),
  };
  const change = {
    actor,
    request: options.request,
    id: row.id,
    action: "scan.create",
    changes: createdChanges({
      ...settings,
      scheduleId: row.scheduleId,
      ...(origin ? { hostId: row.hostId } : {}),
    }),
    event: "scan.created",
  };
  // The table fills in the rest: counts at 0, no start, end or error yet.
  const inserted = await commitChange(deps, SCAN_KIND, change, (tx) =>
    tx.insert(scans).values(row).returning(),
  );
  const scan = inserted[0] as Scan;
  deps.runner.enqueue(scan, origin?.remote);
  return toView(scan, actor.type === "system" ? null : actor.label, origin?.remote.hostName ?? null);
}

/** Cancels a queued or running scan (admins); 409 once it has ended. Resolves when it has stopped. */
export async function cancelScan(
  deps: ScanDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<ScanView> {
  assertCan(actor, "update", "scans");
  const { scan } = await findScan(deps.db, id);
  if (FINISHED_SCAN_STATUSES.includes(scan.status) || !(await deps.runner.cancel(id)))
    throw new Conflict(`Scan ${id} has already ended (${scan.status}).`);
  const change = {
    actor,
    request,
    id,
    action: "scan.cancel",
    changes: { status: { before: scan.status, after: "cancelled" } },
    event: "scan.cancelled",
  };
  // The runner ends the scan (stops its probes, then stores the status): an action, not a
  // write of ours, so it is audited once it is done.
  await auditChange(deps.db, SCAN_KIND, change);
  announceChange(deps.bus, SCAN_KIND, change);
  const after = await findScan(deps.db, id);
  return toView(after.scan, after.creatorName, after.hostName);
}
