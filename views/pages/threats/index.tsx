/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { THREAT_CATEGORIES } from "../../../src/modules/threats/schema.ts";
import type { ThreatView } from "../../../src/modules/threats/threat-queries.ts";
import { DataTable } from "../../components/data-table.tsx";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { Message } from "../../components/message.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { RestorableTitle } from "../../components/restorable-title.tsx";
import { buttonClass } from "../../components/submit-button.tsx";
import { THREAT_KIND } from "./kind.ts";
import { AttackNotice, ThreatTabs } from "./parts.tsx";

/** The list's filters as the URL carries them. */
export interface ThreatFilters {
  q: string;
  category: string;
  /** `only`: the deleted threats (admins, to restore them). */
  deleted: "exclude" | "only";
}

/** Props of the threat list. */
export interface ThreatsPageProps {
  view: ViewContext;
  page: Page<ThreatView>;
  filters: ThreatFilters;
  canCreate: boolean;
  canImport: boolean;
  /** Admins see the deleted threats on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

/** The list's address with `filters` (and a page): what the URL carries, defaults left out. */
function threatsHref(filters: ThreatFilters, page?: number): string {
  const query = new URLSearchParams({
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.deleted === "only" ? { deleted: "only" } : {}),
    ...(page ? { page: String(page) } : {}),
  }).toString();
  return query ? `/threats?${query}` : "/threats";
}

/**
 * `/threats`: the organisation's own threats, with search and category filters in the URL;
 * for admins, the deleted ones (`?deleted=only`), each with its restore button.
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
      <div class="page-head">
        <div>
          <h1>{deleted ? t("threats.deletedTitle") : t("threats.title")}</h1>
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
        {deleted ? <input type="hidden" name="deleted" value="only" /> : null}
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
              <RestorableTitle
                view={view}
                kind={THREAT_KIND}
                id={threat.id}
                title={threat.name}
                deleted={deleted}
              />
            </td>
            <td>
              <span class="badge">{t(`threats.category.${threat.category}`)}</span>
            </td>
            <td class="mono">{threat.techniques.map((x) => x.attackId).join(" ")}</td>
            <td>{fmt.dateTime(threat.updatedAt)}</td>
          </tr>
        ))}
      </DataTable>
      <Pagination view={view} of={page} hrefFor={(n) => threatsHref(filters, n)} />
      {canRestore ? (
        <p class="muted">
          {deleted ? (
            <a href={threatsHref({ ...filters, deleted: "exclude" })}>{t("threats.showCurrent")}</a>
          ) : (
            <a href={threatsHref({ ...filters, deleted: "only" })} data-testid="show-deleted">
              {t("threats.showDeleted")}
            </a>
          )}
        </p>
      ) : null}
      <AttackNotice view={view} />
    </>
  );
}
