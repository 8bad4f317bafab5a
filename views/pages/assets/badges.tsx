/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { AssetStatus } from "../../../src/modules/assets/schema.ts";

/** The lifecycle status as a word (neutral, as every status). */
export function AssetStatusText({ view, status }: { view: ViewContext; status: AssetStatus }) {
  return <span class={`status asset-status-${status}`}>{view.t(`assets.status.${status}`)}</span>;
}

/** The mark of an asset Warden keeps current (the host it runs on). */
export function ManagedBadge({ view }: { view: ViewContext }) {
  return (
    <span class="badge" title={view.t("assets.managedTitle")} data-testid="asset-managed">
      {view.t("assets.managed")}
    </span>
  );
}

/** Tags as small badges. */
export function TagList({ tags }: { tags: string[] }) {
  return (
    <span class="asset-tags">
      {tags.map((tag) => (
        <span class="badge asset-tag">{tag}</span>
      ))}
    </span>
  );
}
