import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { conditionSchema, hostScopeSchema } from "../../lib/rule-definition.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import type { RuleEngine } from "../../monitor/rule-engine.ts";
import { newRuleSchema, rulePatchSchema, ruleQuerySchema } from "./definition.ts";
import {
  createRule,
  deleteRule,
  getRule,
  listRules,
  type RuleDeps,
  testRule,
  updateRule,
} from "./service.ts";

const stateSchema = z.enum(["ok", "pending", "firing"]);

/** A rule as the API returns it, with where it stands now. */
export const ruleSchema = z.object({
  id: z.string().describe("A UUID for stored rules, a slug (default-cpu …) for rules from the configuration"),
  name: z.string(),
  enabled: z.boolean(),
  condition: conditionSchema,
  forSeconds: z.number().int(),
  severity: z.enum(SEVERITIES),
  renotifySeconds: z.number().int(),
  autoClose: z.boolean(),
  hosts: hostScopeSchema.describe(
    'Hosts the rule watches: "local", "all", { "ids": [host ids] } or { "tag": asset tag }',
  ),
  techniques: z.array(z.string()).describe("ATT&CK ids the alerts it raises name"),
  origin: z.enum(["config", "database"]).describe("config: read-only here, change it in the config file"),
  version: z.number().int().nullable().describe("Stored rules only"),
  createdAt: z.number().int().nullable(),
  updatedAt: z.number().int().nullable(),
  status: z.object({
    state: z.enum(["ok", "pending", "firing", "disabled"]).describe("The worst of its subjects"),
    value: z.number().nullable().describe("The last value measured (of the worst subject)"),
    since: z.number().int().nullable().describe("Pending or firing since (Unix ms)"),
    subjects: z.array(
      z.object({
        subject: z.string().describe('"" for the host, a mount, or protocol:address:port'),
        state: stateSchema,
        value: z.number().nullable(),
        since: z.number().int().nullable(),
      }),
    ),
  }),
});

const testSchema = z.object({
  id: z.string(),
  at: z.number().int(),
  enabled: z.boolean(),
  readings: z.array(
    z.object({
      subject: z.string(),
      value: z.number().nullable(),
      holds: z.boolean().describe("The condition holds now"),
      outcome: z
        .enum(["ok", "pending", "fire", "firing", "renotify", "recover"])
        .describe("What the engine would do with this reading now"),
    }),
  ),
});

/** The rule services' dependencies in an app. */
export function ruleDeps(deps: AppDeps, engine: RuleEngine): RuleDeps {
  return { db: deps.database.db, engine, alerts: () => deps.config.get().alerts };
}

/**
 * Alert rules on the host (read: every role; write and test: managers and admins):
 * - GET    /api/v1/soc/rules           the rules (configuration first) with their state; state, origin filters
 * - POST   /api/v1/soc/rules           create one (201 + Location)
 * - GET    /api/v1/soc/rules/:id       one, with its state (ETag = version for stored rules)
 * - PATCH  /api/v1/soc/rules/:id       edit a stored rule against a version; a config rule: 409
 * - DELETE /api/v1/soc/rules/:id       delete a stored rule; a config rule: 409
 * - POST   /api/v1/soc/rules/:id/test  evaluate once now and say what would happen
 */
export function rulesApi(deps: AppDeps, engine: RuleEngine): ApiRouter {
  return new ResourceRouter("/soc/rules", "Alert rules", {
    svc: ruleDeps(deps, engine),
    resource: "rules",
    config: deps.config,
  })
    .read(
      "/",
      {
        summary: "List alert rules with their state",
        query: ruleQuerySchema,
        ok: { description: "Every rule", schema: z.object({ items: z.array(ruleSchema) }) },
      },
      async (svc, actor, { query }) => ({ items: await listRules(svc, actor, query) }),
    )
    .create(
      {
        summary: "Create an alert rule",
        description:
          "A condition (`metric` with series, operator, threshold and an optional clear threshold; `process_absent` with a process name; `new_listening_port`), how long it must hold (`forSeconds`), the severity, the re-notify interval, whether recovery closes the alert and the ATT&CK techniques its alerts name (`techniques`; unknown ids: 422 naming them).",
        body: newRuleSchema,
        ok: { description: "Created", schema: ruleSchema },
        etag: true,
      },
      createRule,
    )
    .readOne(
      {
        summary: "One alert rule with its state",
        description: "A stored rule's version is its ETag; rules from the configuration have none.",
        ok: { description: "The rule", schema: ruleSchema },
        etag: true,
      },
      getRule,
    )
    .versioned(
      "/:id",
      {
        summary: "Edit a stored alert rule",
        method: "patch",
        description:
          "Send the version you read as `version` or `If-Match` (stale: 409, none: 428). `condition` replaces the whole condition. Rules from the configuration cannot be changed here (409).",
        body: rulePatchSchema,
        ok: { description: "Updated", schema: ruleSchema },
      },
      updateRule,
    )
    .remove(
      {
        summary: "Delete a stored alert rule",
        gone: "Deleted",
        refused: { 409: { description: "A rule from the configuration" } },
      },
      deleteRule,
    )
    .act(
      "/:id/test",
      {
        summary: "Evaluate an alert rule once now",
        description:
          "Measures the rule's condition now and answers, per subject, whether it holds and what the engine would do (fire, wait, re-notify, recover). Changes nothing.",
        ok: { description: "The readings", schema: testSchema },
      },
      testRule,
    );
}
