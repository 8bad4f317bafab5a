/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { RuleView } from "../../../src/modules/rules/service.ts";
import { ConfirmAction } from "../../components/confirm-action.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { conditionText, RuleStateBadge, ruleValue, scopeText } from "./parts.tsx";

/** The rule table's rows (also the body of each live refresh): state, last value and, for stored rules, edit and delete. */
export function RuleRows({
  view,
  items,
  canWrite,
}: {
  view: ViewContext;
  items: RuleView[];
  canWrite: boolean;
}) {
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
