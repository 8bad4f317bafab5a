import { recordSearch } from "../../kit/record-search.ts";
import { VULNERABILITY } from "./kind.ts";
import { vulnerabilities } from "./schema.ts";

/** What of vulnerabilities the search index holds — title; CVE id and description. */
export const VULNERABILITY_SEARCH = recordSearch(VULNERABILITY, vulnerabilities, {
  title: vulnerabilities.title,
  body: [vulnerabilities.cveId, vulnerabilities.description],
});
