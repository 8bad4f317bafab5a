/** @jsxImportSource hono/jsx */

import type { AuditEntry } from "../../../src/db/schema/audit-log.ts";
import type { AuditPage as AuditResults } from "../../../src/kit/audit.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { Truncated } from "../../components/truncated.tsx";
import { ChangeList } from "./changes.tsx";
import { type ActorChoice, AUDIT_FILTERS, AuditFilterBar, type AuditFilters } from "./filter-bar.tsx";

/** Props of the audit log page: plain data, all loaded by the route. */
export interface AuditPageProps {
  view: ViewContext;
  filters: AuditFilters;
  /** Filters that could not be used (and were left out of the search). */
  errors: FieldErrors;
  actors: ActorChoice[];
  results: AuditResults;
}

/** `/audit` with these filters (blank ones left out) and this page. */
export function auditHref(filters: AuditFilters, page = 1): string {
  const query = new URLSearchParams();
  for (const name of AUDIT_FILTERS) if (filters[name]) query.set(name, filters[name]);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

function EntryRow({ view, entry, filters }: { view: ViewContext; entry: AuditEntry; filters: AuditFilters }) {
  const { t } = view;
  return (
    <tr>
      <TimeCell view={view} ms={entry.at} />
      <td>
        <div class="cell-title">
          {entry.actorId ? (
            <a href={auditHref({ ...filters, actor: entry.actorId })} title={t("audit.byActor")}>
              {entry.actorLabel}
            </a>
          ) : (
            entry.actorLabel
          )}
        </div>
        <div class="cell-sub">{t(`audit.actorType.${entry.actorType}`)}</div>
      </td>
      <td class="mono nowrap">{entry.action}</td>
      <td>
        <div class="mono">{entry.resourceType}</div>
        {entry.resourceId ? (
          <div class="cell-sub mono truncate" title={entry.resourceId}>
            {entry.resourceId}
          </div>
        ) : null}
      </td>
      <td>
        <ChangeList view={view} changes={entry.changes} />
      </td>
      <td class="mono nowrap">{entry.ip ?? <span class="muted">—</span>}</td>
      <td class="mono">
        <Truncated text={entry.requestId} />
      </td>
    </tr>
  );
}

/** The audit log: who did what to which resource, when and from where; filtered, newest first. */
export function AuditLogPage({ view, filters, errors, actors, results }: AuditPageProps) {
  const { t, fmt } = view;
  const filtered = AUDIT_FILTERS.some((name) => filters[name] !== "");
  return (
    <>
      <PageHead
        title={t("audit.title")}
        subClass="num"
        sub={t("audit.count", { total: fmt.number(results.total) })}
      />
      <AuditFilterBar view={view} filters={filters} errors={errors} actors={actors} />
      <DataTable
        label={t("audit.title")}
        testid="audit-table"
        rowCount={results.items.length}
        empty={
          <p>
            {filtered ? t("audit.emptyFiltered") : t("audit.empty")}{" "}
            {filtered ? <a href="/audit">{t("audit.filter.clear")}</a> : null}
          </p>
        }
        columns={columnsOf(view, "audit.col", [
          "time",
          "actor",
          "action",
          "resource",
          "changes",
          "ip",
          "requestId",
        ])}
      >
        {results.items.map((entry) => (
          <EntryRow view={view} entry={entry} filters={filters} />
        ))}
      </DataTable>
      <Pagination view={view} of={results} hrefFor={(page) => auditHref(filters, page)} />
    </>
  );
}
