import { recordSearch } from "../../kit/record-search.ts";
import { ASSET } from "./kind.ts";
import { assets } from "./schema.ts";

/** What of assets the search index holds — name; host name, addresses, OS, location, tags and description (assets are deleted for good, so no soft-delete column). */
export const ASSET_SEARCH = recordSearch(ASSET, assets, {
  title: assets.name,
  body: [assets.hostname, assets.ipAddresses, assets.os, assets.location, assets.tags, assets.description],
});
