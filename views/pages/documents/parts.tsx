/** @jsxImportSource hono/jsx */

import type { Child } from "hono/jsx";
import type { ViewContext } from "../../../src/lib/context.ts";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A review day as the viewer's locale writes a date. Review dates are stored as 00:00 UTC of
 * their day, so they are shown in UTC: the day is the same wherever the viewer is.
 */
function formatDay(locale: string, ms: number): string {
  const format = dayFormats.getOrInsertComputed(
    locale,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }),
  );
  return format.format(ms);
}

/** A published version's short name, and when it was published (`at`, drawn as the page wants it) after a dot. */
export function PublishedVersion({ view, version, at }: { view: ViewContext; version: number; at: Child }) {
  return (
    <>
      {view.t("documents.versionShort", { n: version })}
      {at ? (
        <>
          {" · "}
          {at}
        </>
      ) : null}
    </>
  );
}

/** The next review day, with a "Review due" badge once it is today or past; a dash when none is set. */
export function ReviewDate({ view, at, due }: { view: ViewContext; at: number | null; due: boolean }) {
  if (at === null) return <span class="muted">—</span>;
  return (
    <span class="review-date">
      <time datetime={new Date(at).toISOString().slice(0, 10)}>{formatDay(view.locale, at)}</time>
      {due ? (
        <span class="badge is-danger" data-testid="review-due">
          {view.t("documents.reviewDue")}
        </span>
      ) : null}
    </span>
  );
}
