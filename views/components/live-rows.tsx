/** @jsxImportSource hono/jsx */

import type { ListNames } from "../../src/kit/record-kind.ts";
import type { ViewContext } from "../../src/lib/context.ts";
import type { FieldErrors } from "../../src/lib/errors.ts";

/** What a live list page is given: the list as its URL asks for it, and how often its rows refresh. */
export interface LiveListState<F> {
  view: ViewContext;
  filters: F;
  /** Filters that could not be used (the list ignores them). */
  errors: FieldErrors;
  /** How often the rows refresh, in milliseconds. */
  refreshMs: number;
}

/** Where a live table's rows come from and what they follow. */
export interface LiveRowsSource {
  /** The fragment route answering the rows (`/processes/rows`). */
  rows: string;
  /** Selector of the filter form whose values every refresh sends. */
  form: string;
  /** Id of the <tbody> the rows are morphed into. */
  body: string;
}

/** The live rows of the list named `list`: `<path>/rows`, following `#<one>-filters`, into `#<one>-rows`. */
export function liveSource({ one, path }: ListNames): LiveRowsSource {
  return { rows: `${path}/rows`, form: `#${one}-filters`, body: `${one}-rows` };
}

/**
 * The one request queue of a live table's rows: a newer reload (filters or live) replaces
 * the one in flight, so rows read with old filters never land after those of the new ones.
 */
const syncOn = (source: Pick<LiveRowsSource, "body">) => `#${source.body}:replace`;

/**
 * The <tbody> attributes of a live table: typing or choosing in the filter form reloads
 * the rows at once (morphed in place, so focus and scroll stay).
 */
export function liveBody(source: LiveRowsSource): Record<string, string> {
  return {
    id: source.body,
    "hx-get": source.rows,
    "hx-include": source.form,
    "hx-trigger": `input changed delay:300ms from:${source.form}, change from:${source.form}`,
    "hx-target": "this",
    "hx-swap": "innerMorph",
    "hx-sync": syncOn(source),
  };
}

/**
 * What reloads a live table's rows (`when`, an hx-trigger: a timer such as `every 2000ms`, or
 * the live stream's `incidents-changed from:body`). With `hold`, not while the pointer or
 * focus is on it: public/js/app.js holds the request and makes it once they leave, so rows
 * never move under the hand. The filters come from the form (where there is one); the query
 * parameters named in `keep` (`page pageSize`) from the address bar, which every reload keeps
 * up to date, so a live reload stays on the page the user is on.
 */
export function LiveRefresh({
  source,
  when,
  hold,
  keep,
}: {
  source: Pick<LiveRowsSource, "rows" | "body"> & { form?: string };
  when: string;
  hold?: string;
  keep?: string;
}) {
  return (
    <span
      class="live-poller"
      hx-get={source.rows}
      hx-include={source.form}
      hx-trigger={when}
      hx-target={`#${source.body}`}
      hx-swap="innerMorph"
      hx-sync={syncOn(source)}
      data-live-pause={hold}
      data-live-keep={keep}
    />
  );
}

/**
 * Marks a page as following a realtime topic: public/js/app.js opens the page's stream with
 * `topic` from the bus id the page was rendered at (`data-live-since`), and each of `events`
 * (space-separated), or a `stream.resync`, fires one "<topic>-changed" on <body>, which the
 * page's live parts listen for (hx-trigger "<topic>-changed from:body").
 */
export function LiveTopic({ view, topic, events }: { view: ViewContext; topic: string; events: string }) {
  return <span hidden data-live-topic={topic} data-live-events={events} data-live-since={view.liveSince} />;
}
