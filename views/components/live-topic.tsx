/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";

/**
 * Marks a page as following a realtime topic: public/js/app.js opens the page's stream with
 * `topic` from the bus id the page was rendered at (`data-live-since`), and each of `events`
 * (space-separated), or a `stream.resync`, fires one "<topic>-changed" on <body>, which the
 * page's live parts listen for (hx-trigger "<topic>-changed from:body").
 */
export function LiveTopic({ view, topic, events }: { view: ViewContext; topic: string; events: string }) {
  return <span hidden data-live-topic={topic} data-live-events={events} data-live-since={view.liveSince} />;
}
