import { recordSearch } from "../../kit/record-search.ts";
import { THREAT_KIND } from "./kind.ts";
import { threats } from "./schema.ts";

/** What of threats the search index holds — name; description and category. */
export const THREAT_SEARCH = recordSearch(THREAT_KIND, threats, {
  title: threats.name,
  body: [threats.description, threats.category],
});
