/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";
import type { ViewContext } from "../../src/lib/context.ts";

/** The badge of a state that is either fine or not (active, enabled): neutral, marked `is-ok` while `ok`. */
export function StateBadge({ ok, children }: { ok: boolean; children: Child }) {
  return <span class={ok ? "badge is-ok" : "badge"}>{children}</span>;
}

/** A record's workflow status as a word, `<many>.status.<status>` (neutral, as every status is). */
export function StatusText({
  view,
  many,
  status,
  testid,
}: {
  view: ViewContext;
  many: string;
  status: string;
  testid?: string;
}) {
  return (
    <span class={`status status-${status}`} data-testid={testid}>
      {view.t(`${many}.status.${status}`)}
    </span>
  );
}
