/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { ScanStatus } from "../../../src/modules/scans/schema.ts";

/** A scan's status as a badge: the word always, colour only as a second signal. */
export function ScanStatusBadge({ view, status }: { view: ViewContext; status: ScanStatus }) {
  const tone = status === "completed" ? " is-ok" : status === "failed" ? " is-danger" : "";
  return (
    <span class={`badge scan-status scan-${status}${tone}`} data-testid="scan-status">
      {view.t(`scans.status.${status}`)}
    </span>
  );
}

/** A duration in milliseconds: one decimal under a minute, then the viewer's duration format. */
export function formatMs(view: ViewContext, ms: number): string {
  return ms < 60_000 ? `${view.fmt.number(ms / 1000, 1)} s` : view.fmt.duration(ms / 1000);
}
