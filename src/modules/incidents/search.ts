import { recordSearch } from "../../kit/record-search.ts";
import { INCIDENT } from "./kind.ts";
import { incidents } from "./schema.ts";

/** What of incidents the search index holds — title; description and category. */
export const INCIDENT_SEARCH = recordSearch(INCIDENT, incidents, {
  title: incidents.title,
  body: [incidents.description, incidents.category],
});
