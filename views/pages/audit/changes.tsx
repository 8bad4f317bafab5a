/** @jsxImportSource hono/jsx */

import type { Changes } from "../../../src/kit/audit.ts";
import type { ViewContext } from "../../../src/lib/context.ts";

const MAX_VALUE_LENGTH = 60;

/**
 * A recorded value in a few characters: "—" for none, a time field (`…At`, ms) as a
 * date, text as is, anything else as JSON; long values cut.
 */
function brief(view: ViewContext, field: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (field.endsWith("At") && typeof value === "number") return view.fmt.dateTime(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** The changed fields of an audit entry, one a line: `role  viewer → admin`. */
export function ChangeList({ view, changes }: { view: ViewContext; changes: Changes | null }) {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="changes">
      {entries.map(([field, { before, after }]) => (
        <div class="change">
          <dt>{field}</dt>
          <dd>
            <span class="change-before">{brief(view, field, before)}</span>
            <span class="change-arrow" aria-hidden="true">
              →
            </span>
            <span class="visually-hidden"> {view.t("audit.changedTo")} </span>
            <span class="change-after">{brief(view, field, after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
