import { Cron } from "croner";
import { z } from "zod";
import { listQuerySchema } from "../../lib/list-query.ts";
import { parsePortSpec } from "./ports.ts";
import { SCAN_STATUSES } from "./schema.ts";
import { targetProblem } from "./targets.ts";

/** The longest target text (a host name is at most 253 characters). */
const TARGET_MAX = 253;

/** The fields every scan request has, whether started now or by a schedule. */
export const scanFields = {
  target: z
    .string({ error: "Enter a host name, IP address or CIDR range." })
    .trim()
    .min(1, "Enter a host name, IP address or CIDR range.")
    .max(TARGET_MAX, `Use at most ${TARGET_MAX} characters.`)
    .superRefine((target, ctx) => {
      const problem = targetProblem(target);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .describe("Host name, IP address, or CIDR (IPv4 up to /16; IPv6: single addresses)"),
  ports: z
    .string({ error: "Enter ports, ranges, or top100, top1000, all." })
    .trim()
    .min(1, "Enter ports, ranges, or top100, top1000, all.")
    .max(2000, "Use at most 2,000 characters.")
    .default("top1000")
    .superRefine((spec, ctx) => {
      const parsed = parsePortSpec(spec);
      if (!parsed.ok) ctx.addIssue({ code: "custom", message: parsed.message });
    })
    .describe("`22,80,443,8000-8100`, `top100`, `top1000` or `all`"),
  concurrency: z.coerce
    .number({ error: "Enter a whole number." })
    .int("Enter a whole number.")
    .min(1, "Use at least 1.")
    .optional()
    .describe(
      "Connections in flight at most; default `scanner.concurrency`, at most `scanner.maxConcurrency`",
    ),
  connectTimeoutMs: z.coerce
    .number({ error: "Enter a whole number of milliseconds." })
    .int("Enter a whole number of milliseconds.")
    .min(50, "Use at least 50 ms.")
    .max(30_000, "Use at most 30,000 ms.")
    .optional()
    .describe("Per-connection timeout; default `scanner.connectTimeoutMs`"),
  hostDiscovery: z
    .boolean({ error: "Choose true or false." })
    .default(true)
    .describe("Probe each host first and scan only those that answer"),
};

/** A scan to start. */
export const newScanSchema = z.object(scanFields);

/** A parsed scan request. */
export type NewScan = z.infer<typeof newScanSchema>;

/** The query of the scan list. */
export const scanQuerySchema = listQuerySchema(["createdAt", "target", "status"], "-createdAt", {
  status: z.enum(SCAN_STATUSES).optional(),
});

/** A parsed scan list query. */
export type ScanQuery = z.infer<typeof scanQuerySchema>;

const cron = z
  .string({ error: "Enter a cron expression." })
  .trim()
  .min(1, "Enter a cron expression.")
  .max(100, "Use at most 100 characters.")
  .superRefine((pattern, ctx) => {
    try {
      new Cron(pattern, { paused: true }).stop();
    } catch {
      ctx.addIssue({ code: "custom", message: "Not a cron expression (e.g. `0 3 * * *`: daily at 03:00)." });
    }
  })
  .describe("Five or six fields (`0 3 * * *`: daily at 03:00, server time)");

/** A recurring scan to create or replace. */
export const scheduleSchema = z.object({
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, "Enter a name.")
    .max(100, "Use at most 100 characters."),
  cron,
  enabled: z.boolean({ error: "Choose true or false." }).default(true),
  ...scanFields,
});

/** A parsed schedule. */
export type ScheduleInput = z.infer<typeof scheduleSchema>;
