import { z } from "zod";
import { versionField } from "../../kit/record-versioning.ts";
import { conditionSchema, hostScopeSchema, ruleFields } from "../../lib/rule-definition.ts";
import { SEVERITIES } from "../../lib/severity.ts";

/** A new rule (API and form): the same fields as a rule from the configuration, without the id. */
export const newRuleSchema = z.strictObject(ruleFields);

/** A parsed new rule. */
export type NewRule = z.infer<typeof newRuleSchema>;

/** A change to a stored rule against the version read; `condition` and `hosts` replace the whole value. */
export const rulePatchSchema = z.strictObject({
  name: ruleFields.name.optional(),
  enabled: z.boolean().optional(),
  condition: conditionSchema.optional(),
  forSeconds: ruleFields.forSeconds.unwrap().optional(),
  severity: z.enum(SEVERITIES).optional(),
  renotifySeconds: ruleFields.renotifySeconds.unwrap().optional(),
  autoClose: z.boolean().optional(),
  techniques: ruleFields.techniques.unwrap().optional(),
  hosts: hostScopeSchema.optional(),
  version: versionField(),
});

/** A parsed rule change. */
export type RulePatch = z.infer<typeof rulePatchSchema>;

/** Filters of the rule list: by state now and by where the rule comes from. */
export const ruleQuerySchema = z.object({
  state: z.enum(["all", "firing", "pending", "ok", "disabled"]).default("all"),
  origin: z.enum(["all", "config", "database"]).default("all"),
});

/** A parsed rule query. */
export type RuleQuery = z.infer<typeof ruleQuerySchema>;
