import { createSelectSchema } from "drizzle-zod";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import type { Actor } from "../../kit/actor.ts";
import { idParams, pageOf } from "../../kit/record-schemas.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import type { Page } from "../../lib/list-query.ts";
import { scanHosts } from "./hosts-schema.ts";
import { newScanSchema, scanQuerySchema, scheduleSchema } from "./input.ts";
import { scanPorts } from "./ports-schema.ts";
import { listScanHosts, listScanPorts, type ScanResultsQuery, scanResultsQuerySchema } from "./results.ts";
import { createSchedule, deleteSchedule, getSchedule, listSchedules, updateSchedule } from "./schedules.ts";
import { scanSchedules } from "./schedules-schema.ts";
import {
  cancelScan,
  getScan,
  listScans,
  type ScanDeps,
  scanOptions,
  scanSchema,
  startScan,
} from "./service.ts";

const hostSchema = createSelectSchema(scanHosts).omit({ scanId: true });

const openPortSchema = createSelectSchema(scanPorts)
  .omit({ scanId: true })
  .extend({ banner: z.string().nullable().describe("Printable text the service sent first") });

const portSchema = openPortSchema.pick({ host: true, port: true, service: true });

const scanDetailSchema = z.object({
  scan: scanSchema,
  diff: z.object({
    previous: z.object({ id: z.string(), createdAt: z.number().int() }).nullable(),
    newlyOpen: z.array(portSchema),
    newlyClosed: z.array(portSchema),
  }),
});

const scheduleResponse = createSelectSchema(scanSchedules).extend({
  ports: scanOptions.ports,
  nextRunAt: z.number().int().nullable().describe("null when disabled"),
});

const ALLOWLIST = `The target (every address a host name resolves to, or the whole range) must lie inside \`scanner.allowedTargets\` (default: loopback only); anything else is refused with 403 before any packet is sent.`;

/**
 * The route of one kind of a scan's results (`/:id/hosts`, `/:id/ports`): a page at a time
 * from `list`, each item as `item`; `texts` for the API reference.
 */
function resultsRoute<R>(
  what: string,
  item: z.ZodType,
  list: (db: ScanDeps["db"], actor: Actor, id: string, query: ScanResultsQuery) => Promise<Page<R>>,
  texts: { summary: string; description: string; page: string },
) {
  const { page, ...text } = texts;
  return [
    `/:id/${what}`,
    {
      ...text,
      params: idParams,
      query: scanResultsQuerySchema,
      ok: { description: page, schema: pageOf(item) },
    },
    (svc: ScanDeps, actor: Actor, { params, query }: { params: { id: string }; query: ScanResultsQuery }) =>
      list(svc.db, actor, params.id, query),
  ] as const;
}

/**
 * Network scans (admins only):
 * - GET  /api/v1/scans              list: page, pageSize, sort, q, status
 * - POST /api/v1/scans              start a scan (202 + Location); it runs in the background
 * - GET  /api/v1/scans/:id          the scan and the diff against the previous scan
 * - GET  /api/v1/scans/:id/hosts    the hosts that answered, a page at a time: page, pageSize
 * - GET  /api/v1/scans/:id/ports    the open ports found, a page at a time: page, pageSize
 * - POST /api/v1/scans/:id/cancel   cancel a queued or running scan; one that ended: 409
 */
export function scansApi(deps: AppDeps, svc: ScanDeps): ApiRouter {
  return new ResourceRouter("/scans", "Scans", { svc, resource: "scans", config: deps.config })
    .list({ plural: "scans", filters: scanQuerySchema, item: scanSchema }, (svc, actor, query) =>
      listScans(svc.db, actor, query),
    )
    .create(
      {
        summary: "Start a scan",
        description: `A TCP connect scan. ${ALLOWLIST} Hosts × ports may not exceed \`scanner.maxProbesPerScan\` (422 on \`ports\`). It runs in the background: one scan per target and at most \`scanner.maxConcurrentScans\` at a time; the others are answered 202 with status \`queued\` and start in order as slots free. Progress is published on the \`scans\` topic (\`scan.progress\`, at most 4 a second; \`scan.finished\` at the end).`,
        body: newScanSchema,
        ok: { description: "Queued or started", schema: scanSchema },
        queued: true,
      },
      (svc, actor, body, request) => startScan(svc, actor, body, { request }),
    )
    .readOne(
      {
        summary: "One scan and its diff",
        description:
          "The scan (with its counts) and the ports newly open or closed since the previous completed scan of its target. Hosts and open ports are read a page at a time from `/hosts` and `/ports`.",
        ok: { description: "The scan", schema: scanDetailSchema },
      },
      (svc, actor, id) => getScan(svc.db, actor, id),
    )
    .read(
      ...resultsRoute("hosts", hostSchema, listScanHosts, {
        summary: "The hosts a scan found up",
        description: "By address, a page at a time; each with its number of open ports.",
        page: "A page of hosts",
      }),
    )
    .read(
      ...resultsRoute("ports", openPortSchema, listScanPorts, {
        summary: "The open ports a scan found",
        description: "By host, then port, a page at a time, with service name and banner.",
        page: "A page of open ports",
      }),
    )
    .act(
      "/:id/cancel",
      {
        summary: "Cancel a scan",
        description:
          "Stops a running scan (within a second) or takes a queued one off the queue. A scan that has ended: 409.",
        ok: { description: "Cancelled", schema: scanSchema },
        refused: { 409: { description: "The scan has ended" } },
      },
      (svc, actor, id, _body, request) => cancelScan(svc, actor, id, request),
    );
}

/**
 * Recurring scans (admins only):
 * - GET    /api/v1/scan-schedules       every schedule with its next run time
 * - POST   /api/v1/scan-schedules       create (201 + Location)
 * - GET    /api/v1/scan-schedules/:id   one
 * - PUT    /api/v1/scan-schedules/:id   replace its settings
 * - DELETE /api/v1/scan-schedules/:id   delete (its scans stay)
 */
export function scanSchedulesApi(deps: AppDeps, svc: ScanDeps): ApiRouter {
  return new ResourceRouter("/scan-schedules", "Scans", { svc, resource: "scans", config: deps.config })
    .read(
      "/",
      {
        summary: "List scan schedules",
        ok: { description: "Every schedule", schema: z.object({ items: z.array(scheduleResponse) }) },
      },
      async (svc, actor) => ({ items: await listSchedules(svc, actor) }),
    )
    .create(
      {
        summary: "Create a scan schedule",
        description: `A cron expression (croner, server time) and the scan to start each time it fires, through the same queue as any scan. A cron firing more often than every \`scanner.minScheduleIntervalSeconds\` is a 422 on \`cron\`. ${ALLOWLIST} A disabled schedule never fires.`,
        body: scheduleSchema,
        ok: { description: "Created", schema: scheduleResponse },
      },
      createSchedule,
    )
    .readOne(
      { summary: "One scan schedule", ok: { description: "The schedule", schema: scheduleResponse } },
      getSchedule,
    )
    .act(
      "/:id",
      {
        summary: "Replace a scan schedule",
        method: "put",
        body: scheduleSchema,
        ok: { description: "Saved", schema: scheduleResponse },
      },
      updateSchedule,
    )
    .remove({ summary: "Delete a scan schedule", gone: "Deleted" }, deleteSchedule);
}
