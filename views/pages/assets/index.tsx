/** @jsxImportSource hono/jsx */
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "../../../src/db/schema/assets.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { parseSortKeys } from "../../../src/lib/list-query.ts";
import { DEFAULT_ASSET_SORT } from "../../../src/services/asset-schemas.ts";
import type { AssetView } from "../../../src/services/assets.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { type LiveRowsSource, liveBody } from "../../components/live-rows.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { buttonClass, SubmitButton } from "../../components/submit-button.tsx";
import { type AssetFilters, assetQueryString, assetsHref } from "./filters.ts";
import { AssetRows } from "./rows.tsx";

const LIVE: LiveRowsSource = { rows: "/cmdb/rows", form: "#asset-filters", body: "asset-rows" };

/** Props of the asset list. */
export interface AssetsPageProps {
  view: ViewContext;
  filters: AssetFilters;
  errors: FieldErrors;
  page: Page<AssetView>;
  canCreate: boolean;
  notice: string | null;
}

/** Columns: sort key (null: not sortable), label key, hidden on narrow screens (phones keep name, criticality, status). */
const COLUMNS = [
  ["name", "name", false],
  ["assetType", "type", true],
  ["criticality", "criticality", false],
  ["status", "status", false],
  [null, "owner", true],
  [null, "addresses", true],
  ["updatedAt", "updated", true],
] as const;

/** Keys whose first click sorts descending: the most critical, the latest first. */
const DESCENDING_FIRST = new Set<string>(["criticality", "updatedAt"]);

function nextSort(current: { key: string; descending: boolean } | undefined, key: string): string {
  if (current?.key === key) return current.descending ? key : `-${key}`;
  return DESCENDING_FIRST.has(key) ? `-${key}` : key;
}

/**
 * `/cmdb`: the asset list with search, type, criticality, status and tag filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an asset.
 */
export function AssetsPage({ view, filters, errors, page, canCreate, notice }: AssetsPageProps) {
  const { t, fmt } = view;
  const [first] = parseSortKeys<string>(filters.sort);
  const exportQuery = assetQueryString({ ...filters, page: 1 });
  const join = exportQuery ? `${exportQuery}&` : "?";
  const any = { value: "", label: t("assets.filter.any") };
  return (
    <>
      <div class="page-head">
        <div>
          <h1>{t("assets.title")}</h1>
          <p class="page-sub num" id="asset-count">
            {t("assets.count", { total: fmt.number(page.total) })}
          </p>
        </div>
        <div class="head-actions">
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/cmdb/assets/export${join}format=csv`}
            hx-boost="false"
            download
          >
            {t("assets.exportCsv")}
          </a>
          <a
            class={buttonClass("secondary")}
            href={`/api/v1/cmdb/assets/export${join}format=json`}
            hx-boost="false"
            download
          >
            {t("assets.exportJson")}
          </a>
          {canCreate ? (
            <a class={buttonClass("primary")} href="/cmdb/new" data-testid="new-asset">
              {t("assets.new")}
            </a>
          ) : null}
        </div>
      </div>
      {notice ? (
        <Message view={view} kind="success" testid="assets-notice">
          {notice}
        </Message>
      ) : null}
      <search aria-label={t("assets.filter.label")}>
        <form method="get" action="/cmdb" class="filter-bar" id="asset-filters">
          <TextField
            name="q"
            type="search"
            label={t("assets.filter.q")}
            value={filters.q}
            error={errors.q}
            maxlength={200}
            placeholder={t("assets.filter.qHint")}
          />
          <SelectField
            name="assetType"
            label={t("assets.filter.type")}
            value={filters.assetType ?? ""}
            error={errors.assetType}
            options={[any, ...ASSET_TYPES.map((v) => ({ value: v, label: t(`assets.type.${v}`) }))]}
          />
          <SelectField
            name="criticality"
            label={t("assets.filter.criticality")}
            value={filters.criticality ?? ""}
            error={errors.criticality}
            options={[any, ...CRITICALITIES.map((v) => ({ value: v, label: t(`severity.${v}`) }))]}
          />
          <SelectField
            name="status"
            label={t("assets.filter.status")}
            value={filters.status ?? ""}
            error={errors.status}
            options={[any, ...ASSET_STATUSES.map((v) => ({ value: v, label: t(`assets.status.${v}`) }))]}
          />
          <TextField
            name="tag"
            label={t("assets.filter.tag")}
            value={filters.tag ?? ""}
            error={errors.tag}
            maxlength={32}
          />
          {filters.sort !== DEFAULT_ASSET_SORT ? (
            <input type="hidden" name="sort" value={filters.sort} />
          ) : null}
          <div class="filter-actions">
            <SubmitButton variant="secondary">{t("processes.filter.apply")}</SubmitButton>
          </div>
        </form>
      </search>
      <div class="fits-narrow" id="asset-table">
        <DataTable
          label={t("assets.title")}
          testid="assets-table"
          rowCount={1}
          empty={null}
          columns={COLUMNS.map(([key, label, optional]) => ({
            label: t(`assets.col.${label}`),
            className: optional ? "col-opt" : undefined,
            sort: key
              ? {
                  href: assetsHref(filters, { sort: nextSort(first, key), page: 1 }),
                  state: first?.key === key ? (first.descending ? "descending" : "ascending") : "none",
                }
              : undefined,
          }))}
          body={{
            ...liveBody(LIVE),
            "hx-trigger": `${liveBody(LIVE)["hx-trigger"]}, assets-changed from:body`,
          }}
        >
          <AssetRows view={view} items={page.items} filters={filters} />
        </DataTable>
      </div>
      <span hidden data-live-topic="assets" data-live-events="asset.created asset.updated asset.deleted" />
      {page.total > page.pageSize ? (
        <Pagination
          view={view}
          page={page.page}
          pageSize={page.pageSize}
          total={page.total}
          hrefFor={(n) => assetsHref(filters, { page: n })}
        />
      ) : null}
    </>
  );
}
