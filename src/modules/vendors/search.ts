import { recordSearch } from "../../kit/record-search.ts";
import { VENDOR_KIND } from "./kind.ts";
import { vendors } from "./schema.ts";

/** What of vendors the search index holds: the name; the service, contact and description. */
export const VENDOR_SEARCH = recordSearch(VENDOR_KIND, vendors, {
  title: vendors.name,
  body: [vendors.service, vendors.contact, vendors.description],
});
