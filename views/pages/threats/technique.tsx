/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { Severity } from "../../../src/lib/severity.ts";
import type { TechniqueDetail } from "../../../src/modules/threats/catalog.ts";
import type { TechniqueSightings } from "../../../src/modules/threats/sightings.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { DescriptionPanel } from "../../components/markdown-panel.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { RelativeTime } from "../../components/relative-time.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { AttackNotice, TechniqueLinks } from "./parts.tsx";

/** Props of a technique's page. */
export interface TechniquePageProps {
  view: ViewContext;
  technique: TechniqueDetail;
  sightings: TechniqueSightings;
}

/**
 * `/threats/techniques/:attackId`: an ATT&CK technique — its description, tactics,
 * platforms, family and mitigations — and the alerts, incidents, threats, risks and vulnerabilities naming it.
 */
export function TechniquePage({ view, technique: q, sightings }: TechniquePageProps) {
  const { t } = view;
  return (
    <>
      <PageHead
        back={
          <>
            <a href="/threats/matrix">{t("threats.matrix.title")}</a>
            {q.parent ? (
              <>
                {" / "}
                <a href={`/threats/techniques/${q.parent.attackId}`}>
                  {q.parent.attackId} {q.parent.name}
                </a>
              </>
            ) : null}
          </>
        }
        title={
          <>
            <span class="mono">{q.attackId}</span> {q.name}
          </>
        }
        titleTestid="technique-title"
        sub={
          <>
            {q.revoked ? (
              <span class="badge is-danger" data-testid="technique-revoked">
                {t("threats.technique.revoked")}
              </span>
            ) : null}
            {q.deprecated ? <span class="badge">{t("threats.technique.deprecated")}</span> : null}{" "}
            {q.tactics.join(" · ")}
          </>
        }
      >
        <a class="button is-secondary" href={q.url} rel="noopener noreferrer">
          {t("threats.technique.onMitre")}
        </a>
      </PageHead>
      <div class="threat-detail">
        <div>
          <NamingTable
            view={view}
            many="alerts"
            rows={sightings.alerts.map((a) => ({ ...a, href: `/soc/${a.id}`, ms: a.firstSeen }))}
          />
          <NamingTable
            view={view}
            many="incidents"
            rows={sightings.incidents.map((i) => ({ ...i, href: `/incidents/${i.id}`, ms: i.detectedAt }))}
          />
          <DescriptionPanel
            view={view}
            kind={{ one: "technique", many: "threats" }}
            markdown={q.description}
          />
        </div>
        <aside>
          <section class="panel">
            <h2>{t("threats.technique.mitigations", { count: String(q.mitigations.length) })}</h2>
            <ul class="plain-list" data-testid="technique-mitigations">
              {q.mitigations.map((m) => (
                <li>
                  <span class="mono">{m.attackId}</span> {m.name}
                </li>
              ))}
            </ul>
          </section>
          {q.subtechniques.length > 0 ? (
            <section class="panel">
              <h2>{t("threats.technique.subtechniques")}</h2>
              <TechniqueLinks view={view} items={q.subtechniques} />
            </section>
          ) : null}
          <section class="panel">
            <dl class="facts">
              <dt>{t("threats.technique.platforms")}</dt>
              <dd>{q.platforms.join(", ") || "—"}</dd>
              <dt>{t("threats.technique.version")}</dt>
              <dd class="num">{q.stixVersion || "—"}</dd>
              <dt>{t("threats.technique.modified")}</dt>
              <dd>{q.modified.slice(0, 10)}</dd>
              <NamingRecords
                label={t("threats.technique.threats")}
                testid="technique-threats"
                links={sightings.threats.map((x) => ({ href: `/threats/${x.id}`, text: x.name }))}
              />
              <NamingRecords
                label={t("threats.technique.risks")}
                testid="technique-risks"
                links={sightings.risks.map((x) => ({ href: `/risks/${x.id}`, text: x.title }))}
              />
              <NamingRecords
                label={t("threats.technique.vulnerabilities")}
                testid="technique-vulnerabilities"
                links={sightings.vulnerabilities.map((x) => ({
                  href: `/vulnerabilities/${x.id}`,
                  text: x.cveId ? `${x.cveId} ${x.title}` : x.title,
                }))}
              />
            </dl>
          </section>
        </aside>
      </div>
      <AttackNotice view={view} />
    </>
  );
}

/** One record naming the technique, as a row of {@link NamingTable}. */
interface NamingRow {
  href: string;
  title: string;
  severity: Severity;
  status: string;
  /** When it was seen or detected. */
  ms: number;
}

/**
 * A panel with the alerts or incidents (`many`) naming the technique: title, severity,
 * status and when it was seen or detected, or a sentence when there are none.
 */
function NamingTable({
  view,
  many,
  rows,
}: {
  view: ViewContext;
  many: "alerts" | "incidents";
  rows: NamingRow[];
}) {
  const { t } = view;
  const alerts = many === "alerts";
  return (
    <section class="panel" aria-labelledby={`named-${many}`}>
      <h2 id={`named-${many}`}>{t(`threats.technique.${many}`, { count: String(rows.length) })}</h2>
      <DataTable
        label={t(`threats.technique.${many}Label`)}
        testid={`technique-${many}`}
        columns={columnsOf(view, "threats.field", [
          "title",
          "severity",
          "status",
          alerts ? "seen" : "detected",
        ])}
        rowCount={rows.length}
        empty={
          <p class="muted">{t(alerts ? "threats.technique.noAlerts" : "threats.technique.noIncidents")}</p>
        }
      >
        {rows.map((row) => (
          <tr>
            <td>
              <a href={row.href}>{row.title}</a>
            </td>
            <td>
              <SeverityBadge view={view} severity={row.severity} />
            </td>
            <td>
              <span class="badge">{t(`${many}.status.${row.status}`)}</span>
            </td>
            <td>
              <RelativeTime view={view} ms={row.ms} />
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}

/** A fact listing the records of one kind that name the technique (left out when there are none). */
function NamingRecords({
  label,
  testid,
  links,
}: {
  label: string;
  testid: string;
  links: { href: string; text: string }[];
}) {
  if (links.length === 0) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd data-testid={testid}>
        {links.map((link, n) => (
          <>
            {n > 0 ? ", " : null}
            <a href={link.href}>{link.text}</a>
          </>
        ))}
      </dd>
    </>
  );
}
