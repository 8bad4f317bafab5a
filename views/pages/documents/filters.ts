import type { DocumentQuery } from "../../../src/services/document-schemas.ts";

/** The document list's view as it stands in the URL. */
export type DocumentFilters = DocumentQuery;

const DEFAULTS: Partial<Record<keyof DocumentFilters, string>> = {
  page: "1",
  pageSize: "50",
  sort: "-updatedAt",
  q: "",
  deleted: "exclude",
};

/** The query string of a view, defaults and blanks left out (`?` included when not empty). */
export function documentQueryString(filters: DocumentFilters, change: Partial<DocumentFilters> = {}): string {
  const merged = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of [
    "q",
    "category",
    "status",
    "owner",
    "reviewDue",
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

/** `/documents` showing this view. */
export function documentsHref(filters: DocumentFilters, change: Partial<DocumentFilters> = {}): string {
  return `/documents${documentQueryString(filters, change)}`;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A review day as the viewer's locale writes a date. Review dates are stored as 00:00 UTC of
 * their day, so they are shown in UTC: the day is the same wherever the viewer is.
 */
export function formatDay(locale: string, ms: number): string {
  let format = dayFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
    dayFormats.set(locale, format);
  }
  return format.format(ms);
}
