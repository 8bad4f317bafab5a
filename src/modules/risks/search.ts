import { recordSearch } from "../../kit/record-search.ts";
import { RISK } from "./kind.ts";
import { risks } from "./schema.ts";

/** What of risks the search index holds: title; description and treatment plan. */
export const RISK_SEARCH = recordSearch(RISK, risks, {
  title: risks.title,
  body: [risks.description, risks.treatmentPlan],
});
