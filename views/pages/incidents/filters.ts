import type { IncidentQuery } from "../../../src/services/incidents.ts";

/** The incident list's view as it stands in the URL. */
export type IncidentFilters = IncidentQuery;

const DEFAULTS: Partial<Record<keyof IncidentFilters, string>> = {
  page: "1",
  pageSize: "50",
  sort: "-createdAt",
  q: "",
  deleted: "exclude",
};

/** The query string of a view, defaults and blanks left out (`?` included when not empty). */
export function incidentQueryString(filters: IncidentFilters, change: Partial<IncidentFilters> = {}): string {
  const merged = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of [
    "q",
    "status",
    "severity",
    "assignedTo",
    "deleted",
    "sort",
    "pageSize",
    "page",
  ] as const) {
    const value = merged[key];
    if (value !== undefined && value !== "" && String(value) !== DEFAULTS[key]) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** `/incidents` showing this view. */
export function incidentsHref(filters: IncidentFilters, change: Partial<IncidentFilters> = {}): string {
  return `/incidents${incidentQueryString(filters, change)}`;
}
