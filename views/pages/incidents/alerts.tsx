/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { Severity } from "../../../src/lib/severity.ts";
import type { IncidentAlert } from "../../../src/modules/incidents/alerts.ts";
import { Panel } from "../../components/record-panels.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { StatusText } from "../../components/state-badge.tsx";
import { ContextView } from "../soc/context-view.tsx";

/** The SOC alerts escalated to an incident, each linking to its page. */
export function IncidentAlertsPanel({ view, alerts }: { view: ViewContext; alerts: IncidentAlert[] }) {
  const { t, fmt } = view;
  return (
    <Panel title={t("incidents.alerts.title")} id="incident-alerts-title">
      {alerts.length === 0 ? (
        <p class="muted">{t("incidents.alerts.none")}</p>
      ) : (
        <ul class="link-list" data-testid="incident-alerts">
          {alerts.map((a) => (
            <li>
              <a href={`/soc/${a.id}`}>{a.title}</a>{" "}
              <span class="link-meta">
                <SeverityBadge view={view} severity={a.severity} />{" "}
                <StatusText view={view} many="alerts" status={a.status} testid="alert-status" />{" "}
                <span class="muted num">{t("alerts.times", { count: fmt.number(a.count) })}</span>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

/**
 * The snapshot of an alert an incident's timeline holds: where and how often it fired,
 * and its context (tables for lists of processes or ports), as it was when escalated.
 */
export function AlertSnapshot({ view, snapshot }: { view: ViewContext; snapshot: Record<string, unknown> }) {
  const { t, fmt } = view;
  const context = (snapshot.context ?? {}) as Record<string, unknown>;
  const alertId = typeof snapshot.alertId === "string" ? snapshot.alertId : null;
  return (
    <div class="alert-snapshot" data-testid="alert-snapshot">
      <p class="timeline-text">
        {typeof snapshot.severity === "string" ? (
          <SeverityBadge view={view} severity={snapshot.severity as Severity} />
        ) : null}{" "}
        {typeof snapshot.host === "string" ? <span class="mono">{snapshot.host}</span> : null}{" "}
        {typeof snapshot.count === "number" ? (
          <span class="muted num">{t("alerts.times", { count: fmt.number(snapshot.count) })}</span>
        ) : null}{" "}
        {typeof snapshot.lastSeen === "number" ? <RelativeTime view={view} ms={snapshot.lastSeen} /> : null}{" "}
        {alertId ? <a href={`/soc/${alertId}`}>{t("incidents.alerts.open")}</a> : null}
      </p>
      <ContextView view={view} context={context} empty={t("alerts.context.empty")} />
    </div>
  );
}
