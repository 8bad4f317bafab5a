/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostScope, MetricSeries, RuleCondition } from "../../../src/lib/rule-definition.ts";
import type { RuleQuery } from "../../../src/modules/rules/definition.ts";
import { RULE } from "../../../src/modules/rules/kind.ts";
import type { RuleView } from "../../../src/modules/rules/service.ts";
import type { RuleStatus } from "../../../src/monitor/rule-status.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { DataTable, namedTable } from "../../components/data-table.tsx";
import { FilterBar } from "../../components/filter-fields.tsx";
import { choices, type FormItem } from "../../components/form-fields.tsx";
import { type LiveListState, LiveRefresh, liveBody, liveSource } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

const STATE_CLASS: Record<RuleStatus["state"], string> = {
  ok: "badge is-ok",
  pending: "badge is-warn",
  firing: "badge is-danger",
  disabled: "badge muted",
};

/** A rule's state as a badge: the word always written, the colour only a second signal. */
export function RuleStateBadge({ view, state }: { view: ViewContext; state: RuleStatus["state"] }) {
  return (
    <span class={STATE_CLASS[state]} data-state={state}>
      {view.t(`rules.state.${state}`)}
    </span>
  );
}

/** A value of a series with its unit: percent, bytes per second, a load or a count. */
export function seriesValue(view: ViewContext, series: MetricSeries, value: number): string {
  const { fmt } = view;
  if (series === "network_in" || series === "network_out") return `${fmt.bytes(value)}/s`;
  if (series === "load1") return fmt.number(value, 2);
  if (series === "processes") return fmt.number(value);
  return fmt.percent(value);
}

/** A condition in words: "CPU > 90.0 %", "Process sshd is not running", "A new listening port". */
export function conditionText(view: ViewContext, condition: RuleCondition): string {
  const { t } = view;
  if (condition.type === "process_absent") return t("rules.summary.processAbsent", { name: condition.name });
  if (condition.type === "new_listening_port")
    return condition.ignorePorts.length > 0
      ? t("rules.summary.newPortIgnoring", { ports: condition.ignorePorts.join(", ") })
      : t("rules.summary.newPort");
  const series =
    condition.series === "disk"
      ? t(condition.mount && condition.mount !== "*" ? "rules.summary.diskOn" : "rules.summary.diskAny", {
          mount: condition.mount ?? "*",
        })
      : t(`rules.series.${condition.series}`);
  return `${series} ${condition.operator} ${seriesValue(view, condition.series, condition.threshold)}`;
}

/** The hosts a rule watches in words, or null for the local host alone (every rule's default). */
export function scopeText(view: ViewContext, hosts: HostScope): string | null {
  const { t } = view;
  if (hosts === "local") return null;
  if (hosts === "all") return t("rules.hostScope.all");
  return "ids" in hosts
    ? `${t("rules.hostScope.ids")}: ${hosts.ids.join(", ")}`
    : `${t("rules.hostScope.tag")}: ${hosts.tag}`;
}

/** The value a rule measured last, with its unit (a count of processes, a port …); a dash when none. */
export function ruleValue(view: ViewContext, condition: RuleCondition, value: number | null): string {
  if (value === null) return "—";
  if (condition.type === "metric") return seriesValue(view, condition.series, value);
  return view.fmt.number(value);
}

/** Where the live rows come from. */
export const RULES_LIVE = liveSource(RULE);

/** Props of the rules page. */
export interface RulesPageProps extends LiveListState<RuleQuery> {
  items: RuleView[];
  canWrite: boolean;
  notice: string | null;
}

/** The count line: how many rules are listed and how many fire now. */
export function RuleCounts({ view, items, oob }: { view: ViewContext; items: RuleView[]; oob?: boolean }) {
  const { t, fmt } = view;
  const firing = items.filter((r) => r.status.state === "firing").length;
  return (
    <p class="page-sub num" id="rule-count" hx-swap-oob={oob ? "true" : undefined}>
      {t.plural("rules.count", items.length, { total: fmt.number(items.length), firing: fmt.number(firing) })}
    </p>
  );
}

/**
 * `/soc/rules`: the alert rules on this host — the configuration's (read-only) and those made
 * here — with where each stands now (ok, pending, firing), refreshed in place.
 */
export function RulesPage({ view, filters, errors, items, canWrite, notice, refreshMs }: RulesPageProps) {
  const { t } = view;
  const option = (group: string) => (value: string) => t(`rules.filter.${group}.${value}`);
  const filterItems: FormItem[] = [
    {
      kind: "select",
      name: "state",
      label: t("rules.filter.state.label"),
      options: choices([], ["all", "firing", "pending", "ok", "disabled"], option("state")),
    },
    {
      kind: "select",
      name: "origin",
      label: t("rules.filter.origin.label"),
      options: choices([], ["all", "config", "database"], option("origin")),
    },
  ];
  return (
    <>
      <PageHead title={t("rules.title")} below={<RuleCounts view={view} items={items} />}>
        {canWrite ? (
          <a class={buttonClass("primary")} href="/soc/rules/new" data-testid="new-rule">
            {t("rules.new")}
          </a>
        ) : null}
      </PageHead>
      <Message view={view} kind="success" testid="notice">
        {notice}
      </Message>
      <FilterBar view={view} list={RULE} filters={filters} errors={errors} items={filterItems} />
      <LiveRefresh source={RULES_LIVE} when={`every ${refreshMs}ms`} hold="#rule-table" />
      <div id="rule-table" class="fits-narrow">
        <DataTable
          {...namedTable(view, "rules", items.length, [
            "rule",
            "severity",
            { name: "for", numeric: true, className: "col-opt" },
            "state",
            { name: "value", numeric: true },
            { name: "since", className: "col-opt" },
            "actions",
          ])}
          body={liveBody(RULES_LIVE)}
        >
          <RuleRows view={view} items={items} canWrite={canWrite} />
        </DataTable>
      </div>
    </>
  );
}

/** The rule table's rows (also the body of each live refresh): state, last value and, for stored rules, edit and delete. */
export function RuleRows({ view, items, canWrite }: Pick<RulesPageProps, "view" | "items" | "canWrite">) {
  const { t, fmt } = view;
  return (
    <>
      {items.map((rule) => (
        <tr id={`rule-${rule.id}`} data-state={rule.status.state}>
          <td>
            <span class="rule-name">{rule.name}</span>
            {rule.origin === "config" ? (
              <span class="badge rule-origin" title={t("rules.fromConfigHelp")}>
                {t("rules.fromConfig")}
              </span>
            ) : null}
            <div class="cell-sub">
              {[conditionText(view, rule.condition), scopeText(view, rule.hosts)].filter(Boolean).join(" · ")}
            </div>
          </td>
          <td class="nowrap">
            <SeverityBadge view={view} severity={rule.severity} />
          </td>
          <td class="nowrap is-num col-opt">
            {rule.forSeconds > 0 ? fmt.duration(rule.forSeconds) : t("rules.atOnce")}
          </td>
          <td class="nowrap">
            <RuleStateBadge view={view} state={rule.status.state} />
            {rule.status.subjects.length > 1 ? (
              <div class="cell-sub num">
                {t("rules.subjects", { count: fmt.number(rule.status.subjects.length) })}
              </div>
            ) : null}
          </td>
          <td class="nowrap is-num num">{ruleValue(view, rule.condition, rule.status.value)}</td>
          <td class="nowrap col-opt">
            <RelativeTime view={view} ms={rule.status.since} />
          </td>
          <td class="nowrap">
            {canWrite && rule.origin === "database" ? (
              <div class="row-actions">
                <a class={buttonClass("secondary", true)} href={`/soc/rules/${rule.id}/edit`}>
                  {t("rules.edit")}
                </a>
                <ConfirmAction
                  view={view}
                  id={`delete-${rule.id}`}
                  action={`/soc/rules/${rule.id}/delete`}
                  trigger={t("rules.deleteShort")}
                  title={t("rules.deleteTitle", { name: rule.name })}
                  body={t("rules.deleteBody")}
                  confirm={t("rules.delete")}
                  testid={`delete-rule-${rule.id}`}
                />
              </div>
            ) : null}
          </td>
        </tr>
      ))}
    </>
  );
}
