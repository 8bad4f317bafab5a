/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import type { ThreatQuery } from "../../../src/modules/threats/threat-input.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { RecordTable } from "../../components/record-table.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { AttackNotice, ThreatTabs } from "./parts.tsx";
import { THREAT_TABLE, threatUrls } from "./table.tsx";

/** Props of the threat list. */
export interface ThreatsPageProps {
  view: ViewContext;
  page: Page<ThreatView>;
  filters: ThreatQuery;
  canCreate: boolean;
  canImport: boolean;
  /** Admins see the deleted threats on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

/**
 * `/threats`: the organisation's own threats, with search and category filters, sortable
 * columns and pages in the URL; for admins, the deleted ones (`?deleted=only`), each with
 * its restore button.
 */
export function ThreatsPage({
  view,
  page,
  filters,
  canCreate,
  canImport,
  canRestore,
  notice,
}: ThreatsPageProps) {
  const { t, fmt } = view;
  const deleted = filters.deleted === "only";
  return (
    <>
      <PageHead
        title={deleted ? t("threats.deletedTitle") : t("threats.title")}
        sub={t("threats.count", { total: fmt.number(page.total) })}
      >
        {canCreate ? (
          <a class={buttonClass("primary")} href="/threats/new" data-testid="new-threat">
            {t("threats.new")}
          </a>
        ) : null}
      </PageHead>
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
        {filters.sort !== threatUrls.defaultSort ? (
          <input type="hidden" name="sort" value={filters.sort} />
        ) : null}
        {deleted ? <input type="hidden" name="deleted" value="only" /> : null}
        <button type="submit" class={buttonClass("secondary")}>
          {t("threats.filter.apply")}
        </button>
      </form>
      <RecordTable view={view} table={THREAT_TABLE} page={page} filters={filters} />
      {canRestore ? (
        <p class="muted">
          {deleted ? (
            <a href={threatUrls.href(filters, { deleted: "exclude", page: 1 })}>{t("threats.showCurrent")}</a>
          ) : (
            <a href={threatUrls.href(filters, { deleted: "only", page: 1 })} data-testid="show-deleted">
              {t("threats.showDeleted")}
            </a>
          )}
        </p>
      ) : null}
      <AttackNotice view={view} />
    </>
  );
}
