/** @jsxImportSource hono/jsx */

import type { VulnerabilityDetails } from "../../../src/modules/vulnerabilities/queries.ts";
import { isOpenStatus, TRANSITIONS } from "../../../src/modules/vulnerabilities/workflow.ts";
import { FactList, FactsPanel, factBuilders } from "../../components/fact-list.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import type { RecordDetailSpec } from "../../components/record-detail.tsx";
import { Panel, recordMoves, WorkflowPanel } from "../../components/record-panels.tsx";
import { DateTime, dateAndAgo } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { RecordTechniques } from "../threats/record-techniques.tsx";
import { CvssScore, DueDate, VulnerabilityStatusLabel } from "./parts.tsx";

/**
 * `/vulnerabilities/:id`: what it is (rendered markdown), its CVSS rating, the SLA due
 * date, the affected assets (linking to the CMDB), the status with the moves allowed
 * from here; edit and delete (admins) from the title row.
 */
export const VULNERABILITY_DETAIL: RecordDetailSpec<VulnerabilityDetails> = {
  head: ({ record }) => ({ record }),
  layout: "vuln",
  badges: ({ view, record: v }) => [
    v.cveId ? (
      <span class="mono" data-testid="vulnerability-cve">
        {v.cveId}
      </span>
    ) : (
      <span class="muted">{view.t("vulnerabilities.internal")}</span>
    ),
    <SeverityBadge view={view} severity={v.severity} />,
    <span data-testid="vulnerability-status">
      <VulnerabilityStatusLabel view={view} status={v.status} />
    </span>,
    v.overdue ? (
      <span class="badge vuln-overdue" data-testid="overdue">
        {view.t("vulnerabilities.overdue")}
      </span>
    ) : null,
  ],
  main: (page) => {
    const { view, record: v } = page;
    const { t, meta } = factBuilders(page);
    return [
      <Panel title={t("vulnerabilities.cvss")} id="cvss-title">
        {v.cvssVector ? (
          <div class="vuln-cvss" data-testid="vulnerability-cvss">
            <div class="vuln-cvss-score">
              <CvssScore view={view} score={v.cvssScore} severity={v.severity} />
              <SeverityBadge view={view} severity={v.severity} />
            </div>
            <FactList
              facts={[
                meta("vulnerabilities.vector", v.cvssVector, {
                  class: "mono vuln-vector",
                  testid: "vulnerability-vector",
                }),
                meta("vulnerabilities.cvssVersion", `CVSS ${v.cvssVersion}`),
              ]}
            />
          </div>
        ) : (
          <p class="muted">{t("vulnerabilities.noVector")}</p>
        )}
      </Panel>,
      <DescriptionPanel view={view} kind={page.kind} markdown={v.description} />,
      <Panel title={t("vulnerabilities.affected")} id="assets-title">
        {v.assets.length > 0 ? (
          <ul class="vuln-asset-list" data-testid="vulnerability-assets">
            {v.assets.map((a) => (
              <li>
                <a href={`/cmdb/${a.id}`}>{a.name}</a>
                {a.hostname ? <span class="mono muted"> {a.hostname}</span> : null}
                <span class="muted"> · {a.assetType}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted">{t("vulnerabilities.noAssets")}</p>
        )}
      </Panel>,
    ];
  },
  side: (page) => {
    const { view, record: v, canEdit = false } = page;
    const { t, fact, meta } = factBuilders(page);
    return [
      <WorkflowPanel
        title={t("vulnerabilities.statusTitle")}
        moves={recordMoves(page, v, TRANSITIONS, {
          primary: (to) => to === "in_progress" || to === "mitigated",
          label: (to) =>
            isOpenStatus(v.status) || to !== "open"
              ? t("vulnerabilities.moveTo", { status: t(`vulnerabilities.status.${to}`) })
              : t("vulnerabilities.reopen"),
        })}
      >
        <p>
          <VulnerabilityStatusLabel view={view} status={v.status} />
        </p>
      </WorkflowPanel>,
      <FactsPanel
        facts={[
          meta(
            "vulnerabilities.due",
            v.dueAt === null ? null : (
              <>
                <DateTime view={view} ms={v.dueAt} />
                <br />
                <DueDate view={view} dueAt={v.dueAt} overdue={v.overdue} closed={!isOpenStatus(v.status)} />
              </>
            ),
            { empty: t("vulnerabilities.noDue"), testid: "vulnerability-due" },
          ),
          meta("vulnerabilities.discovered", dateAndAgo(view, v.discoveredAt)),
          v.resolvedAt !== null ? meta("vulnerabilities.resolved", dateAndAgo(view, v.resolvedAt)) : null,
          fact("assignee", v.assignedTo?.name ?? t("vulnerabilities.unassigned")),
          meta("vulnerabilities.recordedBy", v.createdBy?.name ?? t("vulnerabilities.system")),
          meta("vulnerabilities.version", v.version, { class: "num" }),
        ]}
      >
        <p class="field-help">{t("vulnerabilities.slaHelp")}</p>
      </FactsPanel>,
      <RecordTechniques view={view} kind="vulnerability" record={v} canEdit={canEdit} />,
    ];
  },
};
