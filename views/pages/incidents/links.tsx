/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { IncidentLinks } from "../../../src/modules/incidents/links.ts";
import { HiddenFields } from "../../components/form-field.tsx";
import { Panel } from "../../components/record-panels.tsx";
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

/** One kind of linked record: its heading, the linked ones and the picker for more. */
function LinkedKind({
  view,
  incidentId,
  kind,
  items,
  options,
}: {
  view: ViewContext;
  incidentId: string;
  kind: "asset" | "vulnerability";
  items: { id: string; href: string; label: string; badge?: Child }[];
  options: { id: string; label: string }[] | null;
}) {
  const { t } = view;
  return (
    <>
      <h3 class="links-heading">
        {t(kind === "asset" ? "incidents.links.assets" : "incidents.links.vulnerabilities")}
      </h3>
      {items.length === 0 ? <p class="muted">{t("incidents.links.none")}</p> : null}
      <ul class="link-list">
        {items.map((item) => (
          <li>
            <span>
              <a href={item.href}>{item.label}</a> {item.badge}
            </span>
            {options ? <Remove view={view} incidentId={incidentId} kind={kind} targetId={item.id} /> : null}
          </li>
        ))}
      </ul>
      {options ? (
        <Picker
          view={view}
          incidentId={incidentId}
          kind={kind}
          options={options}
          linked={new Set(items.map((i) => i.id))}
        />
      ) : null}
    </>
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
  return (
    <Panel title={view.t("incidents.links.title")} id="links-title" testid="incident-links">
      <LinkedKind
        view={view}
        incidentId={incidentId}
        kind="asset"
        items={links.assets.map((a) => ({ id: a.id, href: `/cmdb/${a.id}`, label: a.name }))}
        options={choices?.assets ?? null}
      />
      <LinkedKind
        view={view}
        incidentId={incidentId}
        kind="vulnerability"
        items={links.vulnerabilities.map((v) => ({
          id: v.id,
          href: `/vulnerabilities/${v.id}`,
          label: v.cveId ? `${v.cveId} · ${v.title}` : v.title,
          badge: <SeverityBadge view={view} severity={v.severity} />,
        }))}
        options={choices?.vulnerabilities ?? null}
      />
    </Panel>
  );
}
