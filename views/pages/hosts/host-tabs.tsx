/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { HostDetail } from "../../../src/modules/hosts/host-reads.ts";
import { PageHead } from "../../components/page-head.tsx";

/** The pages of one host. */
type HostTab = "overview" | "processes" | "windows" | "ports";

/** The head of a host's pages: the way back to the list, its name and OS, and its tabs. */
export function HostHead({ view, host, current }: { view: ViewContext; host: HostDetail; current: HostTab }) {
  const { t } = view;
  const base = `/hosts/${encodeURIComponent(host.id)}`;
  const tabs: { tab: HostTab; href: string }[] = [
    { tab: "overview", href: base },
    { tab: "processes", href: `${base}/processes` },
    { tab: "windows", href: `${base}/windows` },
    { tab: "ports", href: `${base}/ports` },
  ];
  return (
    <PageHead
      title={host.hostname}
      titleTestid="host-name"
      back={<a href="/hosts">{t("hosts.title")}</a>}
      sub={host.os || undefined}
    >
      <nav class="segmented" aria-label={t("hosts.page.tabs")}>
        {tabs.map((entry) => (
          <a href={entry.href} aria-current={entry.tab === current ? "true" : undefined}>
            {t(`hosts.page.tab.${entry.tab}`)}
          </a>
        ))}
      </nav>
    </PageHead>
  );
}
