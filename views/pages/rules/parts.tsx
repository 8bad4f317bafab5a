/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostScope, MetricSeries, RuleCondition } from "../../../src/lib/rule-definition.ts";
import type { RuleStatus } from "../../../src/monitor/rule-status.ts";

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
