/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { RuleQuery } from "../../../src/modules/rules/definition.ts";
import { RULE } from "../../../src/modules/rules/kind.ts";
import type { RuleView } from "../../../src/modules/rules/service.ts";
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
import { conditionText, RuleStateBadge, ruleValue, scopeText } from "./parts.tsx";

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
      {t("rules.count", { total: fmt.number(items.length), firing: fmt.number(firing) })}
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
