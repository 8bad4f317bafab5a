import { recordSearch } from "../../kit/record-search.ts";
import { alerts } from "./alerts-schema.ts";
import { cases } from "./cases-schema.ts";
import { ALERT_KIND, CASE_KIND } from "./kind.ts";

/** What of soc alerts the search index holds — title; description, source, host and dedup key. */
export const ALERT_SEARCH = recordSearch(ALERT_KIND, alerts, {
  title: alerts.title,
  body: [alerts.description, alerts.source, alerts.host, alerts.dedupKey],
});

/** What of soc cases the search index holds — title and description. */
export const CASE_SEARCH = recordSearch(CASE_KIND, cases, {
  title: cases.title,
  body: [cases.description],
});
