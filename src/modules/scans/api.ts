import type { Context } from "hono";
import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { deleteRoute, listRoute } from "../../kit/record-routes.ts";
import { idParams, pageOf } from "../../kit/record-schemas.ts";
import { ApiRouter } from "../../lib/api-router.ts";
import { type AppEnv, actorOf } from "../../lib/context.ts";
import { createdResponse } from "../../lib/created-response.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import { newScanSchema, scanQuerySchema, scheduleSchema } from "./input.ts";
import { listScanHosts, listScanPorts, scanResultsQuerySchema } from "./results.ts";
import { createSchedule, deleteSchedule, getSchedule, listSchedules, updateSchedule } from "./schedules.ts";
import { SCAN_STATUSES } from "./schema.ts";
import { cancelScan, getScan, listScans, type ScanDeps, startScan } from "./service.ts";

const scanOptions = {
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

const portSchema = z.object({ host: z.string(), port: z.number().int(), service: z.string().nullable() });

const hostSchema = z.object({ address: z.string(), openCount: z.number().int() });

const openPortSchema = portSchema.extend({
  banner: z.string().nullable().describe("Printable text the service sent first"),
  foundAt: z.number().int(),
});

const scanDetailSchema = z.object({
  scan: scanSchema,
  diff: z.object({
    previous: z.object({ id: z.string(), createdAt: z.number().int() }).nullable(),
    newlyOpen: z.array(portSchema),
    newlyClosed: z.array(portSchema),
  }),
});

const scheduleResponse = z.object({
  id: z.string(),
  name: z.string(),
  cron: z.string(),
  enabled: z.boolean(),
  ...scanOptions,
  createdBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  lastRunAt: z.number().int().nullable(),
  lastScanId: z.string().nullable(),
  nextRunAt: z.number().int().nullable().describe("null when disabled"),
});

const ALLOWLIST = `The target (every address a host name resolves to, or the whole range) must lie inside \`scanner.allowedTargets\` (default: loopback only); anything else is refused with 403 before any packet is sent.`;

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
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  return new ApiRouter("/scans", "Scans")
    .get(
      ...listRoute(
        {
          plural: "scans",
          permission: { action: "read", resource: "scans" },
          filters: scanQuerySchema,
          item: scanSchema,
        },
        (c, query) => listScans(svc.db, actorOf(c), query),
      ),
    )
    .post(
      "/",
      {
        summary: "Start a scan",
        permission: { action: "create", resource: "scans" },
        description: `A TCP connect scan. ${ALLOWLIST} Hosts × ports may not exceed \`scanner.maxProbesPerScan\` (422 on \`ports\`). It runs in the background: one scan per target and at most \`scanner.maxConcurrentScans\` at a time; the others are answered 202 with status \`queued\` and start in order as slots free. Progress is published on the \`scans\` topic (\`scan.progress\`, at most 4 a second; \`scan.finished\` at the end).`,
        body: newScanSchema,
        responses: { 202: { description: "Queued or started", schema: scanSchema } },
      },
      async (c, { body }) =>
        createdResponse(
          c,
          "/api/v1/scans",
          await startScan(svc, actorOf(c), body, { request: facts(c) }),
          202,
        ),
    )
    .get(
      "/:id",
      {
        permission: { action: "read", resource: "scans" },
        summary: "One scan and its diff",
        description:
          "The scan (with its counts) and the ports newly open or closed since the previous completed scan of its target. Hosts and open ports are read a page at a time from `/hosts` and `/ports`.",
        params: idParams,
        responses: { 200: { description: "The scan", schema: scanDetailSchema } },
      },
      async (c, { params }) => c.json(await getScan(svc.db, actorOf(c), params.id)),
    )
    .get(
      "/:id/hosts",
      {
        summary: "The hosts a scan found up",
        permission: { action: "read", resource: "scans" },
        description: "By address, a page at a time; each with its number of open ports.",
        params: idParams,
        query: scanResultsQuerySchema,
        responses: { 200: { description: "A page of hosts", schema: pageOf(hostSchema) } },
      },
      async (c, { params, query }) => c.json(await listScanHosts(svc.db, actorOf(c), params.id, query)),
    )
    .get(
      "/:id/ports",
      {
        summary: "The open ports a scan found",
        permission: { action: "read", resource: "scans" },
        description: "By host, then port, a page at a time, with service name and banner.",
        params: idParams,
        query: scanResultsQuerySchema,
        responses: { 200: { description: "A page of open ports", schema: pageOf(openPortSchema) } },
      },
      async (c, { params, query }) => c.json(await listScanPorts(svc.db, actorOf(c), params.id, query)),
    )
    .post(
      "/:id/cancel",
      {
        summary: "Cancel a scan",
        permission: { action: "update", resource: "scans" },
        description:
          "Stops a running scan (within a second) or takes a queued one off the queue. A scan that has ended: 409.",
        params: idParams,
        responses: { 200: { description: "Cancelled", schema: scanSchema } },
      },
      async (c, { params }) => c.json(await cancelScan(svc, actorOf(c), params.id, facts(c))),
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
  const facts = (c: Context<AppEnv>) => requestFacts(c, deps.config);
  return new ApiRouter("/scan-schedules", "Scans")
    .get(
      "/",
      {
        summary: "List scan schedules",
        permission: { action: "read", resource: "scans" },
        responses: {
          200: { description: "Every schedule", schema: z.object({ items: z.array(scheduleResponse) }) },
        },
      },
      async (c) => c.json({ items: await listSchedules(svc, actorOf(c)) }),
    )
    .post(
      "/",
      {
        summary: "Create a scan schedule",
        permission: { action: "create", resource: "scans" },
        description: `A cron expression (croner, server time) and the scan to start each time it fires, through the same queue as any scan. A cron firing more often than every \`scanner.minScheduleIntervalSeconds\` is a 422 on \`cron\`. ${ALLOWLIST} A disabled schedule never fires.`,
        body: scheduleSchema,
        responses: { 201: { description: "Created", schema: scheduleResponse } },
      },
      async (c, { body }) =>
        createdResponse(c, "/api/v1/scan-schedules", await createSchedule(svc, actorOf(c), body, facts(c))),
    )
    .get(
      "/:id",
      {
        summary: "One scan schedule",
        permission: { action: "read", resource: "scans" },
        params: idParams,
        responses: { 200: { description: "The schedule", schema: scheduleResponse } },
      },
      async (c, { params }) => c.json(await getSchedule(svc, actorOf(c), params.id)),
    )
    .put(
      "/:id",
      {
        summary: "Replace a scan schedule",
        permission: { action: "update", resource: "scans" },
        params: idParams,
        body: scheduleSchema,
        responses: { 200: { description: "Saved", schema: scheduleResponse } },
      },
      async (c, { params, body }) => c.json(await updateSchedule(svc, actorOf(c), params.id, body, facts(c))),
    )
    .delete(
      ...deleteRoute(
        { summary: "Delete a scan schedule", permission: { action: "delete", resource: "scans" } },
        (c, id) => deleteSchedule(svc, actorOf(c), id, facts(c)),
      ),
    );
}
