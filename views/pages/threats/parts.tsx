/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";

/** The threat pages' tabs: the organisation's threats, the ATT&CK matrix, the import (admins). */
export function ThreatTabs({
  view,
  current,
  canImport,
}: {
  view: ViewContext;
  current: "threats" | "matrix" | "import";
  canImport: boolean;
}) {
  const { t } = view;
  const tabs = [
    { key: "threats", href: "/threats", label: t("threats.tabs.threats") },
    { key: "matrix", href: "/threats/matrix", label: t("threats.tabs.matrix") },
    ...(canImport ? [{ key: "import", href: "/threats/import", label: t("threats.tabs.import") }] : []),
  ];
  return (
    <nav class="threat-tabs" aria-label={t("threats.tabs.label")}>
      {tabs.map((tab) => (
        <a href={tab.href} aria-current={tab.key === current ? "page" : undefined}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}

/** MITRE's notice, which every page showing ATT&CK content carries (the licence asks for it). */
export function AttackNotice({ view }: { view: ViewContext }) {
  return (
    <footer class="attack-notice" data-testid="attack-notice">
      <p>
        {view.t("threats.mitre")}{" "}
        <a
          href="https://attack.mitre.org/resources/legal-and-branding/terms-of-use/"
          rel="noopener noreferrer"
        >
          {view.t("threats.mitreTerms")}
        </a>
      </p>
    </footer>
  );
}

/** Techniques as links to their pages, each marked when ATT&CK revoked it. */
export function TechniqueLinks({
  view,
  items,
  testid,
}: {
  view: ViewContext;
  items: readonly { attackId: string; name: string; revoked: boolean }[];
  testid?: string;
}) {
  return (
    <ul class="plain-list" data-testid={testid}>
      {items.map((x) => (
        <li>
          <a href={`/threats/techniques/${x.attackId}`}>
            <span class="mono">{x.attackId}</span> {x.name}
          </a>
          {x.revoked ? <span class="badge is-danger">{view.t("threats.technique.revoked")}</span> : null}
        </li>
      ))}
    </ul>
  );
}
