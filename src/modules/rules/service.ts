import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, writeAudited } from "../../kit/audit.ts";
import { deleteAudited, insertAudited } from "../../kit/audited-writes.ts";
import { newRowStamp } from "../../kit/new-row.ts";
import { type Action, assertCan } from "../../kit/rbac.ts";
import { changesOf, createdChanges, valuesAfter } from "../../kit/record-changes.ts";
import { currentVersion, staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import { Conflict, NotFound } from "../../lib/errors.ts";
import { type ConfigRule, type Rule, rulesFromConfig } from "../../lib/rule-definition.ts";
import type { RuleEngine } from "../../monitor/rule-engine.ts";
import type { RuleStatus } from "../../monitor/rule-status.ts";
import { attackIdsOf, resolveTechniques } from "../threats/catalog.ts";
import type { NewRule, RulePatch, RuleQuery } from "./definition.ts";
import { type AlertRuleRow, alertRules } from "./schema.ts";

/** What rule services need: the database, the engine (states, reloads) and the configuration's alerts section. */
export interface RuleDeps {
  db: Db;
  engine: RuleEngine;
  alerts: () => { defaults: boolean; rules: readonly ConfigRule[] };
}

/** A rule as lists and the API show it: where it stands now; stored rules carry their version. */
export interface RuleView extends Rule {
  version: number | null;
  createdAt: number | null;
  updatedAt: number | null;
  status: RuleStatus;
}

/** A stored rule as shown: it always has a version. */
export type StoredRuleView = RuleView & { version: number };

/** A stored row as a rule: its settings, without who made it and its versioning. */
function ruleOf(row: AlertRuleRow): Rule {
  // Named one by one: a rule's fields keep one order however the row was built (the engine
  // compares rules as JSON), and a column added to the table is not a rule setting by itself.
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    condition: row.condition,
    forSeconds: row.forSeconds,
    severity: row.severity,
    renotifySeconds: row.renotifySeconds,
    autoClose: row.autoClose,
    techniques: row.techniques,
    hosts: row.hosts,
    origin: "database",
  };
}

/** The rules stored in the database, oldest first (what the engine loads). */
export async function loadStoredRules(db: Db): Promise<Rule[]> {
  const rows = await db.select().from(alertRules).orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  return rows.map(ruleOf);
}

function storedView(deps: RuleDeps, row: AlertRuleRow): StoredRuleView {
  return {
    ...viewOf(deps, ruleOf(row)),
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function viewOf(deps: RuleDeps, rule: Rule): RuleView {
  return { ...rule, version: null, createdAt: null, updatedAt: null, status: deps.engine.status(rule.id) };
}

/** The rules (every role): the configuration's first, then the stored ones, each with its state; filtered by `query`. */
export async function listRules(deps: RuleDeps, actor: Actor, query: RuleQuery): Promise<RuleView[]> {
  assertCan(actor, "read", "rules");
  const rows = await deps.db.select().from(alertRules).orderBy(asc(alertRules.createdAt), asc(alertRules.id));
  return [
    ...rulesFromConfig(deps.alerts()).map((rule) => viewOf(deps, rule)),
    ...rows.map((row) => storedView(deps, row)),
  ].filter(
    (rule) =>
      (query.state === "all" || rule.status.state === query.state) &&
      (query.origin === "all" || rule.origin === query.origin),
  );
}

/** The stored rule `id`; 404 when there is none. */
async function storedRow(db: Db, id: string): Promise<AlertRuleRow> {
  const [row] = await db.select().from(alertRules).where(eq(alertRules.id, id)).limit(1);
  if (!row) throw new NotFound(`No alert rule ${id}.`);
  return row;
}

/** One rule with its state; 404 when there is none. */
export async function getRule(deps: RuleDeps, actor: Actor, id: string): Promise<RuleView> {
  assertCan(actor, "read", "rules");
  const fromConfig = rulesFromConfig(deps.alerts()).find((rule) => rule.id === id);
  if (fromConfig) return viewOf(deps, fromConfig);
  return storedView(deps, await storedRow(deps.db, id));
}

/** A stored rule to edit (managers and admins): 409 for a rule from the configuration, 404 for none. */
export async function getRuleForEdit(deps: RuleDeps, actor: Actor, id: string): Promise<StoredRuleView> {
  return storedView(deps, await editableFor(deps, actor, "update", id));
}

/**
 * The stored rule `id` for `actor` to `action`: 403 when they may not, 409 for a rule from the
 * configuration (naming the key it comes from: alerts.rules, or alerts.defaults for a shipped
 * rule), 404 for none.
 */
function editableFor(deps: RuleDeps, actor: Actor, action: Action, id: string): Promise<AlertRuleRow> {
  assertCan(actor, action, "rules");
  const alerts = deps.alerts();
  if (alerts.rules.some((rule) => rule.id === id))
    throw new Conflict(
      `Rule ${id} comes from the configuration: change it in the config file (alerts.rules).`,
    );
  // The rest of the configuration's rules are the shipped ones, on while alerts.defaults is.
  if (rulesFromConfig(alerts).some((rule) => rule.id === id))
    throw new Conflict(
      `Rule ${id} is one of the shipped rules: turn them off in the config file (alerts.defaults: false) and add your own.`,
    );
  return storedRow(deps.db, id);
}

/**
 * The ATT&CK ids a stored rule names as the catalog spells them, sorted and without repeats;
 * an id not in the catalog is a 422 on `techniques` naming it.
 */
async function checkedTechniques(db: Db, attackIds: readonly string[]): Promise<string[]> {
  return attackIdsOf(db, await resolveTechniques(db, attackIds));
}

/**
 * Creates a rule (managers and admins); the engine evaluates it from the next tick on;
 * unknown ATT&CK techniques are a 422 naming them; audited.
 */
export async function createRule(
  deps: RuleDeps,
  actor: Actor,
  input: NewRule,
  request?: RequestFacts,
): Promise<StoredRuleView> {
  assertCan(actor, "create", "rules");
  const settings = { ...input, techniques: await checkedTechniques(deps.db, input.techniques) };
  const row: AlertRuleRow = { ...newRowStamp(actor), ...settings, version: 1 };
  const changes = createdChanges(settings);
  const entry = { actor, action: "rule.create", resourceType: "rule", changes, request };
  await insertAudited(deps.db, alertRules, row, entry);
  await deps.engine.reloadStored();
  return storedView(deps, row);
}

/** Changes a stored rule against the version read (managers and admins); 409 when stale or from the configuration; audited. */
export async function updateRule(
  deps: RuleDeps,
  actor: Actor,
  id: string,
  patch: RulePatch,
  request?: RequestFacts,
): Promise<StoredRuleView> {
  const before = await editableFor(deps, actor, "update", id);
  const { version: sent, ...wanted } = patch;
  const version = currentVersion("rule", before.version, sent);
  if (wanted.techniques) wanted.techniques = await checkedTechniques(deps.db, wanted.techniques);
  const changes = changesOf(before, wanted);
  for (const key of ["condition", "hosts"] as const)
    if (wanted[key] !== undefined && JSON.stringify(wanted[key]) === JSON.stringify(before[key]))
      delete changes[key];
  if (Object.keys(changes).length === 0) return storedView(deps, before);
  const entry = { actor, action: "rule.update", resourceType: "rule", resourceId: id, changes, request };
  await writeAudited(deps.db, entry, async (tx) => {
    if (!(await writeIfCurrent(tx, alertRules, { id, version }, valuesAfter(changes))))
      throw staleVersion("rule", before.version + 1, version);
  });
  await deps.engine.reloadStored();
  return storedView(deps, await storedRow(deps.db, id));
}

/** Deletes a stored rule (managers and admins): its open alerts close when it closes them on recovery; audited. */
export async function deleteRule(
  deps: RuleDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<void> {
  const before = await editableFor(deps, actor, "delete", id);
  const entry = { actor, action: "rule.delete", resourceType: "rule", request };
  await deleteAudited(deps.db, alertRules, id, { name: before.name, condition: before.condition }, entry);
  await deps.engine.reloadStored();
}

/** Evaluates a rule once now (managers and admins): what it measures and would do, without changing anything. */
export async function testRule(deps: RuleDeps, actor: Actor, id: string) {
  assertCan(actor, "update", "rules");
  const rule = await getRule(deps, actor, id);
  return { id, at: Date.now(), enabled: rule.enabled, readings: await deps.engine.test(id) };
}
