import type { AlertQuery } from "../../../src/modules/soc/alert-input.ts";
import type { CaseQuery } from "../../../src/modules/soc/case-input.ts";
import { ALERT_KIND, CASE_KIND } from "../../../src/modules/soc/kind.ts";
import { listUrls } from "../../components/query-string.ts";

/** The alert queue's URLs: its filters in the URL, latest seen first unless sorted otherwise. */
export const alertUrls = listUrls<AlertQuery>(
  ALERT_KIND.path,
  ["q", "status", "severity", "source", "host", "assignedTo", "deleted", "sort", "pageSize", "page"],
  "-lastSeen",
);

/** The case list's URLs. */
export const caseUrls = listUrls<CaseQuery>(
  CASE_KIND.path,
  ["q", "status", "ownerId", "deleted", "sort", "pageSize", "page"],
  "-createdAt",
);
