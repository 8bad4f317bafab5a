import {
  DEFAULT_VULNERABILITY_SORT,
  type VulnerabilityQuery,
} from "../../../src/services/vulnerability-schemas.ts";
import { listUrls } from "../../components/query-string.ts";
import { VULNERABILITY } from "./kind.ts";

/** The vulnerability list's view as it stands in the URL. */
export type VulnerabilityFilters = VulnerabilityQuery;

/** The vulnerability list's URLs: its filters in the URL. */
export const vulnerabilityUrls = listUrls<VulnerabilityFilters>(
  VULNERABILITY.path,
  ["q", "status", "severity", "assetId", "overdue", "deleted", "sort", "pageSize", "page"],
  DEFAULT_VULNERABILITY_SORT,
);

/** `/vulnerabilities` showing this view. */
export const vulnerabilitiesHref = vulnerabilityUrls.href;

/** True when a filter narrows the list (the empty state then offers to clear them). */
export function isFiltered(filters: VulnerabilityFilters): boolean {
  return Boolean(filters.q || filters.status || filters.severity || filters.assetId || filters.overdue);
}
