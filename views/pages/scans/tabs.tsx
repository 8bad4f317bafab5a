/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";

/** The pages of the Network area. */
type NetworkTab = "sockets" | "scans" | "schedules";

const TABS: { tab: NetworkTab; href: string; label: string }[] = [
  { tab: "sockets", href: "/network", label: "network.tab.sockets" },
  { tab: "scans", href: "/network/scans", label: "network.tab.scans" },
  { tab: "schedules", href: "/network/scans/schedules", label: "network.tab.schedules" },
];

/** Links between the socket table, the scans and their schedules; scan tabs only for those who may scan. */
export function NetworkTabs({ view, current }: { view: ViewContext; current: NetworkTab }) {
  // The navigation holds only what this viewer may read.
  const mayScan = view.nav.some((group) => group.items.some((item) => item.href === "/network/scans"));
  const tabs = TABS.filter((entry) => entry.tab === "sockets" || mayScan);
  if (tabs.length < 2) return null;
  return (
    <nav class="segmented network-tabs" aria-label={view.t("network.tabs")}>
      {tabs.map((entry) => (
        <a href={entry.href} aria-current={entry.tab === current ? "true" : undefined}>
          {view.t(entry.label)}
        </a>
      ))}
    </nav>
  );
}
