/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { IncidentLinks, linkChoices } from "../../../src/modules/incidents/links.ts";
import { HiddenFields } from "../../components/form-field.tsx";
import { Panel } from "../../components/record-panels.tsx";
import { SeverityBadge } from "../../components/severity-badge.tsx";
import { buttonClass } from "../../components/submit-button.tsx";

/** What can be linked, for the pickers (null when the viewer cannot link). */
export type LinkChoices = Awaited<ReturnType<typeof linkChoices>>;

/** One kind of linked record: its heading, the linked ones (each with its remove button) and the picker for more. */
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
  options: LinkChoices[keyof LinkChoices] | null;
}) {
  const { t } = view;
  const linked = new Set(items.map((i) => i.id));
  const free = options?.filter((o) => !linked.has(o.id)) ?? [];
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
            {options ? (
              <form method="post" action={`/incidents/${incidentId}/links/remove`} class="inline-form">
                <HiddenFields fields={{ kind, targetId: item.id }} />
                <button
                  type="submit"
                  class={buttonClass("secondary", true)}
                  data-testid={`unlink-${item.id}`}
                >
                  {t("incidents.links.remove")}
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      {free.length > 0 ? (
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
