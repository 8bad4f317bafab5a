/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

/** The badge of a state that is either fine or not (active, enabled): neutral, marked `is-ok` while `ok`. */
export function StateBadge({ ok, children }: { ok: boolean; children: Child }) {
  return <span class={ok ? "badge is-ok" : "badge"}>{children}</span>;
}
