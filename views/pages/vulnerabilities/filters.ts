import {
  DEFAULT_VULNERABILITY_SORT,
  type VulnerabilityQuery,
} from "../../../src/modules/vulnerabilities/input.ts";
import { VULNERABILITY } from "../../../src/modules/vulnerabilities/kind.ts";
import { listUrls } from "../../components/query-string.ts";

/** The vulnerability list's view as it stands in the URL. */
export type VulnerabilityFilters = VulnerabilityQuery;

/** The vulnerability list's URLs: its filters in the URL. */
export const vulnerabilityUrls = listUrls<VulnerabilityFilters>(
  VULNERABILITY.path,
  ["q", "status", "severity", "assetId", "assignedTo", "overdue", "deleted", "sort", "pageSize", "page"],
  DEFAULT_VULNERABILITY_SORT,
);

/** `/vulnerabilities` showing this view. */
export const vulnerabilitiesHref = vulnerabilityUrls.href;
