import { recordSearch } from "../../kit/record-search.ts";
import { incidents } from "./schema.ts";

/** What of incidents the search index holds — title; description and category. */
export const INCIDENT_SEARCH = recordSearch("incidents", incidents, {
  title: incidents.title,
  body: [incidents.description, incidents.category],
  href: "/incidents/",
});
