import {
  DEFAULT_VULNERABILITY_SORT,
  type VulnerabilityQuery,
} from "../../../src/services/vulnerability-schemas.ts";

/** The vulnerability list's view as it stands in the URL. */
export type VulnerabilityFilters = VulnerabilityQuery;

const DEFAULTS: Partial<Record<keyof VulnerabilityFilters, string>> = {
  page: "1",
  pageSize: "50",
  sort: DEFAULT_VULNERABILITY_SORT,
  q: "",
  deleted: "exclude",
};

const KEYS = [
  "q",
  "status",
  "severity",
  "assetId",
  "overdue",
  "deleted",
  "sort",
  "pageSize",
  "page",
] as const satisfies readonly (keyof VulnerabilityFilters)[];

/** The query string of a view, defaults and blanks left out (`?` included when not empty). */
export function vulnerabilityQueryString(
  filters: VulnerabilityFilters,
  change: Partial<VulnerabilityFilters> = {},
): string {
  const merged = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of KEYS) {
    const value = merged[key];
    if (value !== undefined && value !== "" && String(value) !== DEFAULTS[key]) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** `/vulnerabilities` showing this view. */
export function vulnerabilitiesHref(
  filters: VulnerabilityFilters,
  change: Partial<VulnerabilityFilters> = {},
): string {
  return `/vulnerabilities${vulnerabilityQueryString(filters, change)}`;
}

/** True when a filter narrows the list (the empty state then offers to clear them). */
export function isFiltered(filters: VulnerabilityFilters): boolean {
  return Boolean(filters.q || filters.status || filters.severity || filters.assetId || filters.overdue);
}
