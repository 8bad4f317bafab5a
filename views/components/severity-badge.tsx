/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../src/lib/context.ts";
import type { Severity } from "../../src/lib/severity.ts";

/** A severity as a coloured badge (colours from the --sev-* tokens; the word is always written). */
export function SeverityBadge({ view, severity }: { view: ViewContext; severity: Severity }) {
  return <span class={`badge sev sev-${severity}`}>{view.t(`severity.${severity}`)}</span>;
}
