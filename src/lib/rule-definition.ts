import { z } from "zod";
import { SEVERITIES } from "./severity.ts";
import { techniqueIdsField } from "./technique-ids.ts";

/** Metric series a rule can watch: percentages, the 1-minute load, bytes/s, a count. */
export const METRIC_SERIES = [
  "cpu",
  "memory",
  "swap",
  "load1",
  "disk",
  "network_in",
  "network_out",
  "processes",
] as const;

/** A metric series. */
export type MetricSeries = (typeof METRIC_SERIES)[number];

/** Comparison operators of a metric condition. */
export const OPERATORS = [">", ">=", "<", "<="] as const;

/** A comparison operator. */
export type Operator = (typeof OPERATORS)[number];

/** The kinds of rule conditions. */
export const CONDITION_TYPES = ["metric", "process_absent", "new_listening_port"] as const;

/** Series measured in percent: a threshold above 100 can never hold. */
const PERCENT_SERIES: readonly MetricSeries[] = ["cpu", "memory", "swap", "disk"];

const threshold = z.number({ error: "Enter a number." }).min(0, "Use a value of 0 or more.");

/** Checks that need several fields of a metric condition: mount only on disk, thresholds in range, clear on the safe side. */
function checkMetric(
  condition: { series: MetricSeries; mount?: string; operator: Operator; threshold: number; clear?: number },
  ctx: z.RefinementCtx,
): void {
  const { series, mount, operator, threshold, clear } = condition;
  if (mount !== undefined && series !== "disk")
    ctx.addIssue({ code: "custom", path: ["mount"], message: "Only the disk series has mounts." });
  if (PERCENT_SERIES.includes(series) && threshold > 100)
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "A percentage is at most 100." });
  if (clear === undefined) return;
  const above = operator === ">" || operator === ">=";
  if (above ? clear > threshold : clear < threshold)
    ctx.addIssue({
      code: "custom",
      path: ["clear"],
      message: above
        ? "The clear threshold must be at or below the threshold."
        : "The clear threshold must be at or above the threshold.",
    });
}

/** What a rule watches. */
export const conditionSchema = z.discriminatedUnion("type", [
  /** A metric crossing a threshold; `disk` names a mount (or `*`: every mount, each its own alert). */
  z
    .strictObject({
      type: z.literal("metric"),
      series: z.enum(METRIC_SERIES, { error: `Choose a series: ${METRIC_SERIES.join(", ")}.` }),
      mount: z
        .string()
        .trim()
        .min(1, "Name a mount point, or * for every one.")
        .max(500)
        .optional()
        .describe("disk only: a mount point such as /var, or * for every mount (the default)"),
      operator: z.enum(OPERATORS, { error: `Choose an operator: ${OPERATORS.join(" ")}.` }),
      threshold: threshold.describe("%, load, bytes/s or a count, by series"),
      clear: threshold
        .optional()
        .describe(
          "Where a firing rule recovers (hysteresis): > 90 with clear 80 recovers at 80 or below; default: the threshold",
        ),
    })
    .superRefine(checkMetric),
  /** A named process that should be running and is not. */
  z.strictObject({
    type: z.literal("process_absent"),
    name: z
      .string()
      .trim()
      .min(1, "Name the process.")
      .max(64, "Use at most 64 characters.")
      .describe("The process name as the process list shows it (e.g. sshd)"),
  }),
  /** A listening socket that was not there when the rule started watching. */
  z.strictObject({
    type: z.literal("new_listening_port"),
    ignorePorts: z
      .array(z.number().int().min(1).max(65535), { error: "List ports as numbers 1–65535." })
      .max(200)
      .default([])
      .describe("Ports never reported"),
    udp: z
      .boolean()
      .default(false)
      .describe("Also report unconnected UDP sockets (noisy: DNS clients bind ports too)"),
  }),
]);

/** A rule's condition. */
export type RuleCondition = z.infer<typeof conditionSchema>;

/** The host id a scope names for the host Warden runs on. */
export const LOCAL_HOST = "local";

/**
 * Which hosts a rule watches: `local` (the host Warden runs on, the default: every rule
 * written before scopes existed), `all` (it and every agent host), `{ ids }` (those hosts;
 * `local` is the local one) or `{ tag }` (agent hosts whose CMDB asset has the tag).
 * Metric rules other than disk are evaluated on agents' samples; the others watch the local host.
 */
export const hostScopeSchema = z.union(
  [
    z.enum([LOCAL_HOST, "all"]),
    z.strictObject({
      ids: z.array(z.string().trim().min(1).max(64)).min(1, "Name at least one host.").max(500),
    }),
    z.strictObject({ tag: z.string().trim().min(1, "Name a tag.").max(64, "Use at most 64 characters.") }),
  ],
  { error: 'Choose "local", "all", { "ids": [...] } or { "tag": "..." }.' },
);

/** A rule's host scope. */
export type HostScope = z.infer<typeof hostScopeSchema>;

/** Whether `scope` takes in the host `id` (`local` for the local host) with asset `tags`. */
export function scopeIncludes(scope: HostScope, id: string, tags: readonly string[] = []): boolean {
  if (scope === "all") return true;
  if (scope === LOCAL_HOST) return id === LOCAL_HOST;
  if ("ids" in scope) return scope.ids.includes(id);
  return id !== LOCAL_HOST && tags.includes(scope.tag);
}

/** The fields of a rule wherever it is written: the configuration, the API, the form. */
export const ruleFields = {
  name: z.string().trim().min(1, "Enter a name.").max(200, "Use at most 200 characters."),
  enabled: z.boolean().default(true),
  condition: conditionSchema,
  forSeconds: z
    .number({ error: "Enter a number of seconds." })
    .int("Use whole seconds.")
    .min(0, "Use 0 or more seconds.")
    .max(86_400, "Use at most 86400 seconds (a day).")
    .default(0)
    .describe("How long the condition must hold before the rule fires"),
  severity: z.enum(SEVERITIES, { error: `Choose a severity: ${SEVERITIES.join(", ")}.` }).default("medium"),
  renotifySeconds: z
    .number({ error: "Enter a number of seconds." })
    .int("Use whole seconds.")
    .min(0, "Use 0 or more seconds.")
    .max(604_800, "Use at most 604800 seconds (a week).")
    .default(0)
    .describe("While firing, raise the alert again after this long; 0: never"),
  autoClose: z.boolean().default(true).describe("Close the alert when the condition recovers"),
  hosts: hostScopeSchema
    .default(LOCAL_HOST)
    .describe(
      'Hosts the rule watches: "local" (default), "all", { "ids": [host ids] } or { "tag": asset tag }; agents\' samples feed metric rules (not disk)',
    ),
  techniques: techniqueIdsField
    .default([])
    .describe(
      "ATT&CK technique ids (T1059, T1059.001) the alerts it raises name; a stored rule's unknown ids are a 422 naming them",
    ),
};

/** A rule's id in the configuration: a slug, so it never collides with a stored rule's UUID. */
const configRuleId = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, "Use lower-case letters, digits and dashes, starting with a letter.");

/** A rule's settings, parsed: everything but its id and origin. */
export type RuleSettings = z.output<z.ZodObject<typeof ruleFields>>;

/** A rule written in the configuration (`alerts.rules`). */
export const configRuleSchema = z.strictObject({ id: configRuleId, ...ruleFields });

/** A rule from the configuration, parsed. */
export type ConfigRule = z.infer<typeof configRuleSchema>;

/** A rule the engine evaluates, wherever it comes from. */
export interface Rule extends RuleSettings {
  id: string;
  /** `config`: read-only, from `alerts.rules` or the shipped defaults; `database`: made in the console or API. */
  origin: "config" | "database";
}

/** What every shipped rule is: on, closing its alerts on recovery, naming no technique, on the local host. */
const SHIPPED: Pick<ConfigRule, "enabled" | "autoClose" | "techniques" | "hosts"> = {
  enabled: true,
  autoClose: true,
  techniques: [],
  hosts: LOCAL_HOST,
};

/**
 * The rules Warden ships, on while `alerts.defaults` is true: CPU or memory above 90 %
 * for 5 minutes, any filesystem above 90 %, a new listening port.
 */
export const DEFAULT_RULES: readonly ConfigRule[] = [
  {
    id: "default-cpu",
    name: "CPU above 90 % for 5 minutes",
    ...SHIPPED,
    condition: { type: "metric", series: "cpu", operator: ">", threshold: 90, clear: 80 },
    forSeconds: 300,
    severity: "high",
    renotifySeconds: 3600,
  },
  {
    id: "default-memory",
    name: "Memory above 90 % for 5 minutes",
    ...SHIPPED,
    condition: { type: "metric", series: "memory", operator: ">", threshold: 90, clear: 85 },
    forSeconds: 300,
    severity: "high",
    renotifySeconds: 3600,
  },
  {
    id: "default-disk",
    name: "A filesystem above 90 %",
    ...SHIPPED,
    condition: { type: "metric", series: "disk", mount: "*", operator: ">", threshold: 90, clear: 88 },
    forSeconds: 0,
    severity: "high",
    renotifySeconds: 86_400,
  },
  {
    id: "default-new-port",
    name: "A new listening port",
    ...SHIPPED,
    condition: { type: "new_listening_port", ignorePorts: [], udp: false },
    forSeconds: 0,
    severity: "medium",
    renotifySeconds: 0,
  },
];

/** The rules the configuration puts in force: the shipped defaults (unless turned off), then `alerts.rules`. */
export function rulesFromConfig(alerts: { defaults: boolean; rules: readonly ConfigRule[] }): Rule[] {
  return [...(alerts.defaults ? DEFAULT_RULES : []), ...alerts.rules].map((rule) => ({
    ...rule,
    origin: "config",
  }));
}
