/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { Severity } from "../../../src/lib/severity.ts";
import type { VulnerabilityStatus } from "../../../src/modules/vulnerabilities/schema.ts";
import { RelativeTime } from "../../components/relative-time.tsx";

/** A CVSS score with one decimal, tinted by its severity (the badge beside it carries the word); a dash without one. */
export function CvssScore({
  view,
  score,
  severity,
}: {
  view: ViewContext;
  score: number | null;
  severity: Severity;
}) {
  if (score === null)
    return (
      <span class="vuln-score is-none muted" title={view.t("vulnerabilities.noScore")}>
        —
      </span>
    );
  return <span class={`vuln-score num sev-text-${severity}`}>{view.fmt.number(score, 1)}</span>;
}

/** A vulnerability status as a neutral outlined label (closed ones muted). */
export function VulnerabilityStatusLabel({
  view,
  status,
}: {
  view: ViewContext;
  status: VulnerabilityStatus;
}) {
  return (
    <span class={`status vuln-status vuln-status-${status}`}>
      {view.t(`vulnerabilities.status.${status}`)}
    </span>
  );
}

/**
 * The due date, relative ("in 5 days") with the exact time as a tooltip, and an "Overdue"
 * marker when past; muted once the vulnerability is closed.
 */
export function DueDate({
  view,
  dueAt,
  overdue,
  closed = false,
}: {
  view: ViewContext;
  dueAt: number | null;
  overdue: boolean;
  closed?: boolean;
}) {
  if (dueAt === null) return <span class="muted">{view.t("vulnerabilities.noDue")}</span>;
  return (
    <span class={`vuln-due${overdue ? " is-overdue" : ""}${closed ? " is-closed" : ""}`}>
      <RelativeTime view={view} ms={dueAt} />
      {overdue ? (
        <span class="badge vuln-overdue" data-testid="overdue">
          {view.t("vulnerabilities.overdue")}
        </span>
      ) : null}
    </span>
  );
}
