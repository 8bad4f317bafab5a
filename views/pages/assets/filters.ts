import type { AssetQuery } from "../../../src/services/asset-schemas.ts";
import { DEFAULT_ASSET_SORT } from "../../../src/services/asset-schemas.ts";

/** The asset list's view as it stands in the URL. */
export type AssetFilters = AssetQuery;

const DEFAULTS: Partial<Record<keyof AssetFilters, string>> = {
  page: "1",
  pageSize: "50",
  sort: DEFAULT_ASSET_SORT,
  q: "",
};

/** The query string of a view, defaults and blanks left out (`?` included when not empty). */
export function assetQueryString(filters: AssetFilters, change: Partial<AssetFilters> = {}): string {
  const merged = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of ["q", "assetType", "criticality", "status", "tag", "sort", "pageSize", "page"] as const) {
    const value = merged[key];
    if (value !== undefined && value !== "" && String(value) !== DEFAULTS[key]) query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** `/cmdb` showing this view. */
export function assetsHref(filters: AssetFilters, change: Partial<AssetFilters> = {}): string {
  return `/cmdb${assetQueryString(filters, change)}`;
}

/** True when the view narrows the list (an empty list then says so and offers to clear). */
export function isFiltered(filters: AssetFilters): boolean {
  return Boolean(filters.q || filters.assetType || filters.criticality || filters.status || filters.tag);
}
