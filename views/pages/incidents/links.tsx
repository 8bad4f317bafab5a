/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { IncidentLinks } from "../../../src/services/incident-links.ts";
import { HiddenFields } from "../../components/form-field.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

/** What can be linked, for the pickers (null when the viewer cannot link). */
export type LinkChoices = {
  assets: { id: string; label: string }[];
  vulnerabilities: { id: string; label: string }[];
};

function Remove({
  view,
  incidentId,
  kind,
  targetId,
}: {
  view: ViewContext;
  incidentId: string;
  kind: string;
  targetId: string;
}) {
  return (
    <form method="post" action={`/incidents/${incidentId}/links/remove`} class="inline-form">
      <HiddenFields fields={{ kind, targetId }} />
      <button type="submit" class={buttonClass("secondary", true)} data-testid={`unlink-${targetId}`}>
        {view.t("incidents.links.remove")}
      </button>
    </form>
  );
}

function Picker({
  view,
  incidentId,
  kind,
  options,
  linked,
}: {
  view: ViewContext;
  incidentId: string;
  kind: "asset" | "vulnerability";
  options: { id: string; label: string }[];
  linked: Set<string>;
}) {
  const { t } = view;
  const free = options.filter((o) => !linked.has(o.id));
  if (free.length === 0) return null;
  return (
    <form method="post" action={`/incidents/${incidentId}/links`} class="link-picker">
      <input type="hidden" name="kind" value={kind} />
      <label class="visually-hidden" for={`link-${kind}`}>
        {t(`incidents.links.choose.${kind}`)}
      </label>
      <select id={`link-${kind}`} name="targetId" class="input" data-testid={`link-${kind}`}>
        <option value="">{t(`incidents.links.choose.${kind}`)}</option>
        {free.map((o) => (
          <option value={o.id}>{o.label}</option>
        ))}
      </select>
      <button type="submit" class={buttonClass("secondary", true)} data-testid={`link-${kind}-submit`}>
        {t("incidents.links.add")}
      </button>
    </form>
  );
}

/** The assets and vulnerabilities an incident concerns, with pickers to link more (analysts and up). */
export function IncidentLinksPanel({
  view,
  incidentId,
  links,
  choices,
}: {
  view: ViewContext;
  incidentId: string;
  links: IncidentLinks;
  choices: LinkChoices | null;
}) {
  const { t } = view;
  return (
    <section class="panel" aria-labelledby="links-title" data-testid="incident-links">
      <h2 class="section-title" id="links-title">
        {t("incidents.links.title")}
      </h2>
      <h3 class="links-heading">{t("incidents.links.assets")}</h3>
      {links.assets.length === 0 ? <p class="muted">{t("incidents.links.none")}</p> : null}
      <ul class="link-list">
        {links.assets.map((a) => (
          <li>
            <a href={`/cmdb/${a.id}`}>{a.name}</a>
            {choices ? <Remove view={view} incidentId={incidentId} kind="asset" targetId={a.id} /> : null}
          </li>
        ))}
      </ul>
      {choices ? (
        <Picker
          view={view}
          incidentId={incidentId}
          kind="asset"
          options={choices.assets}
          linked={new Set(links.assets.map((a) => a.id))}
        />
      ) : null}
      <h3 class="links-heading">{t("incidents.links.vulnerabilities")}</h3>
      {links.vulnerabilities.length === 0 ? <p class="muted">{t("incidents.links.none")}</p> : null}
      <ul class="link-list">
        {links.vulnerabilities.map((v) => (
          <li>
            <span>
              <a href={`/vulnerabilities/${v.id}`}>{v.cveId ? `${v.cveId} · ${v.title}` : v.title}</a>{" "}
              <SeverityBadge view={view} severity={v.severity as never} />
            </span>
            {choices ? (
              <Remove view={view} incidentId={incidentId} kind="vulnerability" targetId={v.id} />
            ) : null}
          </li>
        ))}
      </ul>
      {choices ? (
        <Picker
          view={view}
          incidentId={incidentId}
          kind="vulnerability"
          options={choices.vulnerabilities}
          linked={new Set(links.vulnerabilities.map((v) => v.id))}
        />
      ) : null}
    </section>
  );
}
