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

/** The entry of `navigation` for `path`: the longest entry that is the path or a section above it. */
export function currentHref(navigation: readonly NavGroup[], path: string): string | undefined {
  let best: string | undefined;
  for (const item of navigation.flatMap((g) => g.items)) {
    const matches = item.href === "/" ? path === "/" : path === item.href || path.startsWith(`${item.href}/`);
    if (matches && (!best || item.href.length > best.length)) best = item.href;
  }
  return best;
}
