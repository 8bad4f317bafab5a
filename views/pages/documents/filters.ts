import type { DocumentQuery } from "../../../src/modules/documents/input.ts";
import { DOCUMENT } from "../../../src/modules/documents/kind.ts";
import { listUrls } from "../../components/query-string.ts";

/** The document list's view as it stands in the URL. */
export type DocumentFilters = DocumentQuery;

/** The document list's URLs: its filters in the URL, last changed first unless sorted otherwise. */
export const documentUrls = listUrls<DocumentFilters>(
  DOCUMENT.path,
  ["q", "category", "status", "owner", "reviewDue", "deleted", "sort", "pageSize", "page"],
  "-updatedAt",
);

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
