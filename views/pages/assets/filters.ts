import { type AssetQuery, DEFAULT_ASSET_SORT } from "../../../src/modules/assets/input.ts";
import { ASSET } from "../../../src/modules/assets/kind.ts";
import { listUrls } from "../../components/query-string.ts";

/** The asset list's view as it stands in the URL. */
export type AssetFilters = AssetQuery;

/** The asset list's URLs: its filters in the URL. */
export const assetUrls = listUrls<AssetFilters>(
  ASSET.path,
  ["q", "assetType", "criticality", "status", "tag", "sort", "pageSize", "page"],
  DEFAULT_ASSET_SORT,
);
