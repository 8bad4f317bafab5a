/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
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
          <section class="panel" aria-labelledby="named-alerts">
            <h2 id="named-alerts">
              {t("threats.technique.alerts", { count: String(sightings.alerts.length) })}
            </h2>
            <DataTable
              label={t("threats.technique.alertsLabel")}
              testid="technique-alerts"
              columns={columnsOf(view, "threats.field", ["title", "severity", "status", "seen"])}
              rowCount={sightings.alerts.length}
              empty={<p class="muted">{t("threats.technique.noAlerts")}</p>}
            >
              {sightings.alerts.map((a) => (
                <tr>
                  <td>
                    <a href={`/soc/${a.id}`}>{a.title}</a>
                  </td>
                  <td>
                    <SeverityBadge view={view} severity={a.severity} />
                  </td>
                  <td>
                    <span class="badge">{t(`alerts.status.${a.status}`)}</span>
                  </td>
                  <td>
                    <RelativeTime view={view} ms={a.firstSeen} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
          <section class="panel" aria-labelledby="named-incidents">
            <h2 id="named-incidents">
              {t("threats.technique.incidents", { count: String(sightings.incidents.length) })}
            </h2>
            <DataTable
              label={t("threats.technique.incidentsLabel")}
              testid="technique-incidents"
              columns={columnsOf(view, "threats.field", ["title", "severity", "status", "detected"])}
              rowCount={sightings.incidents.length}
              empty={<p class="muted">{t("threats.technique.noIncidents")}</p>}
            >
              {sightings.incidents.map((i) => (
                <tr>
                  <td>
                    <a href={`/incidents/${i.id}`}>{i.title}</a>
                  </td>
                  <td>
                    <SeverityBadge view={view} severity={i.severity} />
                  </td>
                  <td>
                    <span class="badge">{t(`incidents.status.${i.status}`)}</span>
                  </td>
                  <td>
                    <RelativeTime view={view} ms={i.detectedAt} />
                  </td>
                </tr>
              ))}
            </DataTable>
          </section>
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
