import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { versionedColumns } from "../../kit/table-columns.ts";
import type { HostScope, RuleCondition } from "../../lib/rule-definition.ts";
import { SEVERITIES } from "../../lib/severity.ts";

/**
 * Alert rules made in the console or through the API (rules from the configuration are
 * not stored). `condition` is the rule's condition as JSON, validated by the rule schema
 * on every write. `version` grows by one on every change; a delete removes the row (the
 * audit log keeps what it was). Times are Unix ms.
 */
export const alertRules = sqliteTable(
  "alert_rules",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    condition: text("condition", { mode: "json" }).$type<RuleCondition>().notNull(),
    forSeconds: integer("for_seconds").notNull().default(0),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    renotifySeconds: integer("renotify_seconds").notNull().default(0),
    autoClose: integer("auto_close", { mode: "boolean" }).notNull().default(true),
    /** ATT&CK ids (T1059.001) the alerts it raises name, checked against the catalog on every write. */
    techniques: text("techniques", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** The hosts it watches (`"local"`, `"all"`, `{ids}` or `{tag}`) as JSON. */
    hosts: text("hosts", { mode: "json" }).$type<HostScope>().notNull().default(sql`'"local"'`),
    createdBy: text("created_by").references(() => users.id),
    ...versionedColumns(),
  },
  (t) => [index("alert_rules_created_idx").on(t.createdAt, t.id)],
);

/** A stored alert rule. */
export type AlertRuleRow = typeof alertRules.$inferSelect;
