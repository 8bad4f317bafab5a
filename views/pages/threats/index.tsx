/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";

/** The list's filters as the URL carries them. */
export interface ThreatFilters {
  q: string;
  category: string;
}

/** Props of the threat list. */
export interface ThreatsPageProps {
  view: ViewContext;
  page: Page<ThreatView>;
  filters: ThreatFilters;
  canCreate: boolean;
  canImport: boolean;
  notice: string | null;
}

/** `/threats`: the organisation's own threats, with search and category filters in the URL. */
export function ThreatsPage({ view, page, filters, canCreate, canImport, notice }: ThreatsPageProps) {
  const { t, fmt } = view;
  const href = (n: number) =>
    `/threats?${new URLSearchParams({ ...(filters.q ? { q: filters.q } : {}), ...(filters.category ? { category: filters.category } : {}), page: String(n) })}`;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>{t("threats.title")}</h1>
          <p class="page-sub">{t("threats.count", { total: fmt.number(page.total) })}</p>
        </div>
        {canCreate ? (
          <a class={buttonClass("primary")} href="/threats/new" data-testid="new-threat">
            {t("threats.new")}
          </a>
        ) : null}
      </div>
      <ThreatTabs view={view} current="threats" canImport={canImport} />
      {notice ? (
        <Message view={view} kind="success">
          {notice}
        </Message>
      ) : null}
      <form method="get" action="/threats" class="filter-bar" aria-label={t("threats.filter.label")}>
        <TextField name="q" type="search" label={t("threats.filter.q")} value={filters.q} maxlength={200} />
        <SelectField
          name="category"
          label={t("threats.field.category")}
          value={filters.category}
          options={[
            { value: "", label: t("threats.filter.any") },
            ...THREAT_CATEGORIES.map((c) => ({ value: c, label: t(`threats.category.${c}`) })),
          ]}
        />
        <button type="submit" class={buttonClass("secondary")}>
          {t("threats.filter.apply")}
        </button>
      </form>
      <DataTable
        label={t("threats.title")}
        testid="threat-rows"
        columns={[
          { label: t("threats.field.name") },
          { label: t("threats.field.category") },
          { label: t("threats.field.techniques") },
          { label: t("threats.field.updated") },
        ]}
        rowCount={page.items.length}
        empty={<p>{t("threats.empty")}</p>}
      >
        {page.items.map((threat) => (
          <tr>
            <td>
              <a href={`/threats/${threat.id}`}>{threat.name}</a>
            </td>
            <td>
              <span class="badge">{t(`threats.category.${threat.category}`)}</span>
            </td>
            <td class="mono">{threat.techniques.map((x) => x.attackId).join(" ")}</td>
            <td>{fmt.dateTime(threat.updatedAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination view={view} of={page} hrefFor={href} />
      <AttackNotice view={view} />
    </>
  );
}
