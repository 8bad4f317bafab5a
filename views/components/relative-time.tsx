/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";

/** Props of a relative time: the moment, or null for none (shown as `none`). */
export interface RelativeTimeProps {
  view: ViewContext;
  ms: number | null;
  none?: string;
}

/**
 * A moment as "3 min ago", with the exact ISO time in `datetime` and as a tooltip.
 * `null` shows `none` (e.g. "never") in muted text.
 */
export function RelativeTime({ view, ms, none }: RelativeTimeProps) {
  if (ms === null) return <span class="muted">{none ?? "—"}</span>;
  const iso = new Date(ms).toISOString();
  return (
    <time datetime={iso} title={iso}>
      {view.fmt.relative(ms)}
    </time>
  );
}

/** A table cell of a relative time, kept on one line. */
export function TimeCell(props: RelativeTimeProps) {
  return (
    <td class="nowrap">
      <RelativeTime {...props} />
    </td>
  );
}

/** A moment as its date and time in the viewer's zone, with the exact ISO time in `datetime`. */
export function DateTime({ view, ms }: { view: ViewContext; ms: number }) {
  return <time datetime={new Date(ms).toISOString()}>{view.fmt.dateTime(ms)}</time>;
}

/** A moment as its date and time, then how long ago or ahead it is (muted); null without one (a fact list shows it as missing). */
export function dateAndAgo(view: ViewContext, ms: number | null) {
  if (ms === null) return null;
  return (
    <>
      <DateTime view={view} ms={ms} />{" "}
      <span class="muted">
        (<RelativeTime view={view} ms={ms} />)
      </span>
    </>
  );
}
