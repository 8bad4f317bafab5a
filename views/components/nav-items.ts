import type { Resource } from "../../src/kit/rbac.ts";
import type { IconName } from "./icon.tsx";

/** One entry of the main navigation. */
export interface NavItem {
  href: string;
  /** Message key of the label. */
  label: string;
  icon: IconName;
  /** What the page shows: the entry is only offered to roles that may read it. None: everyone. */
  resource?: Resource;
  /** A page outside the shell (its own document): loaded normally, never swapped in by htmx. */
  standalone?: boolean;
}

/** A titled group of navigation entries. */
export interface NavGroup {
  label: string;
  items: NavItem[];
}

/** The main navigation: every area of the product, grouped as the UI guide says. */
export const NAVIGATION: NavGroup[] = [
  {
    label: "nav.group.monitor",
    items: [
      { href: "/", label: "nav.dashboard", icon: "gauge", resource: "system" },
      { href: "/processes", label: "nav.processes", icon: "cpu", resource: "processes" },
      { href: "/windows", label: "nav.windows", icon: "app-window", resource: "windows" },
      { href: "/network", label: "nav.network", icon: "network", resource: "network" },
      { href: "/network/scans", label: "nav.scans", icon: "radar", resource: "scans" },
    ],
  },
  {
    label: "nav.group.respond",
    items: [
      { href: "/soc", label: "nav.alerts", icon: "bell-ring", resource: "alerts" },
      { href: "/soc/rules", label: "nav.rules", icon: "triangle-alert", resource: "rules" },
      { href: "/soc/cases", label: "nav.cases", icon: "folder-open", resource: "cases" },
      { href: "/incidents", label: "nav.incidents", icon: "flame", resource: "incidents" },
      { href: "/notifications", label: "nav.notifications", icon: "inbox", resource: "notifications" },
    ],
  },
  {
    label: "nav.group.manage",
    items: [
      { href: "/vulnerabilities", label: "nav.vulnerabilities", icon: "bug", resource: "vulnerabilities" },
      { href: "/cmdb", label: "nav.assets", icon: "server", resource: "assets" },
      { href: "/documents", label: "nav.documents", icon: "file-text", resource: "documents" },
    ],
  },
  {
    label: "nav.group.admin",
    items: [
      { href: "/users", label: "nav.users", icon: "users", resource: "users" },
      { href: "/audit", label: "nav.audit", icon: "scroll-text", resource: "audit" },
      { href: "/settings", label: "nav.settings", icon: "sliders-horizontal", resource: "settings" },
      { href: "/integrations/webhooks", label: "nav.webhooks", icon: "webhook", resource: "settings" },
      { href: "/api/docs", label: "nav.apiDocs", icon: "code-xml", standalone: true },
    ],
  },
];

/** The navigation entry for `path`: the longest entry that is the path or a section above it. */
export function currentHref(path: string): string | undefined {
  let best: string | undefined;
  for (const item of NAVIGATION.flatMap((g) => g.items)) {
    const matches = item.href === "/" ? path === "/" : path === item.href || path.startsWith(`${item.href}/`);
    if (matches && (!best || item.href.length > best.length)) best = item.href;
  }
  return best;
}
