/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import type { ThreatQuery } from "../../../src/modules/threats/threat-input.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { RecordTable } from "../../components/record-table.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";
import { THREAT_TABLE } from "./table.tsx";

/** Props of the threat list. */
export interface ThreatsPageProps {
  view: ViewContext;
  page: Page<ThreatView>;
  filters: ThreatQuery;
  canCreate: boolean;
  canImport: boolean;
  notice: string | null;
}

/** `/threats`: the organisation's own threats, with search and category filters in the URL. */
export function ThreatsPage({ view, page, filters, canCreate, canImport, notice }: ThreatsPageProps) {
  const { t, fmt } = view;
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
          value={filters.category ?? ""}
          options={[
            { value: "", label: t("threats.filter.any") },
            ...THREAT_CATEGORIES.map((c) => ({ value: c, label: t(`threats.category.${c}`) })),
          ]}
        />
        {filters.sort !== THREAT_TABLE.urls.defaultSort ? (
          <input type="hidden" name="sort" value={filters.sort} />
        ) : null}
        <button type="submit" class={buttonClass("secondary")}>
          {t("threats.filter.apply")}
        </button>
      </form>
      <RecordTable view={view} table={THREAT_TABLE} page={page} filters={filters} />
      <AttackNotice view={view} />
    </>
  );
}
