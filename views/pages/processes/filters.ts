import { type ProcessQuery, processQuerySchema } from "../../../src/modules/processes/query.ts";

/** The process list's view as it stands in the URL: the query plus the selected process. */
export type ProcessFilters = Omit<ProcessQuery, "offset"> & { pid: number | null };

/** The query's defaults, left out of a view's query string. */
const DEFAULTS = processQuerySchema.parse({});

/** The query string of a view, defaults left out (`?` included when not empty). */
export function processQueryString(filters: ProcessFilters, change: Partial<ProcessFilters> = {}): string {
  const merged = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of ["q", "user", "state", "view", "sort", "limit"] as const) {
    if (String(merged[key]) !== String(DEFAULTS[key])) query.set(key, String(merged[key]));
  }
  if (merged.pid !== null) query.set("pid", String(merged.pid));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** `/processes` showing this view. */
export function processesHref(filters: ProcessFilters, change: Partial<ProcessFilters> = {}): string {
  return `/processes${processQueryString(filters, change)}`;
}
