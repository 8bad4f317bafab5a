/** @jsxImportSource hono/jsx */

import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/modules/assets/schema.ts";
import type { AssetView } from "../../../src/modules/assets/service.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { choices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import type { AssetFilters } from "./filters.ts";
import { ASSET_TABLE } from "./table.tsx";

/** Props of the asset list. */
export interface AssetsPageProps {
  view: ViewContext;
  filters: AssetFilters;
  errors: FieldErrors;
  page: Page<AssetView>;
  canCreate: boolean;
  notice: string | null;
}

/**
 * `/cmdb`: the asset list with search, type, criticality, status and tag filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an asset.
 */
export function AssetsPage({ view, filters, errors, page, canCreate, notice }: AssetsPageProps) {
  const { t } = view;
  const any = { value: "", label: t("assets.filter.any") };
  return (
    <RecordList
      view={view}
      table={ASSET_TABLE}
      filters={filters}
      page={page}
      liveEvents="asset.created asset.updated asset.deleted"
      canCreate={canCreate}
      notice={notice}
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            {
              kind: "text",
              name: "q",
              type: "search",
              label: t("assets.filter.q"),
              maxlength: 200,
              placeholder: t("assets.filter.qHint"),
            },
            {
              kind: "select",
              name: "assetType",
              label: t("assets.filter.type"),
              options: choices([any], ASSET_TYPES, (v) => t(`assets.type.${v}`)),
            },
            {
              kind: "select",
              name: "criticality",
              label: t("assets.filter.criticality"),
              options: choices([any], CRITICALITIES, (v) => t(`severity.${v}`)),
            },
            {
              kind: "select",
              name: "status",
              label: t("assets.filter.status"),
              options: choices([any], ASSET_STATUSES, (v) => t(`assets.status.${v}`)),
            },
            { kind: "text", name: "tag", label: t("assets.filter.tag"), maxlength: 32 },
          ]}
        />
      }
    />
  );
}
