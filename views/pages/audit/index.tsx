/** @jsxImportSource hono/jsx */

import type { AuditEntry } from "../../../src/db/schema/audit-log.ts";
import type { Changes } from "../../../src/kit/audit.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { columnsOf, DataTable } from "../../components/data-table.tsx";
import { FilterBar, selectFilter } from "../../components/filter-fields.tsx";
import { Icon } from "../../components/icon.tsx";
import { PageHead } from "../../components/page-head.tsx";
import { Pagination } from "../../components/pagination.tsx";
import { TimeCell } from "../../components/relative-time.tsx";
import { Truncated } from "../../components/truncated.tsx";

/** The filter names in the order of the bar (`from` and `to` are days, `YYYY-MM-DD`, in the viewer's time zone). */
export const AUDIT_FILTERS = ["actor", "action", "resourceType", "from", "to"] as const;

/** The audit log's filters as they stand in the URL (strings, blank for "any"). */
export type AuditFilters = Record<(typeof AUDIT_FILTERS)[number], string>;

/** Props of the audit log page: plain data, all loaded by the route. */
export interface AuditPageProps {
  view: ViewContext;
  filters: AuditFilters;
  /** Filters that could not be used (and were left out of the search). */
  errors: FieldErrors;
  /** The people who can be picked as the actor filter. */
  actors: { id: string; label: string }[];
  results: Page<AuditEntry>;
}

/** `/audit` with these filters (blank ones left out) and this page. */
export function auditHref(filters: AuditFilters, page = 1): string {
  const query = new URLSearchParams();
  for (const name of AUDIT_FILTERS) if (filters[name]) query.set(name, filters[name]);
  if (page > 1) query.set("page", String(page));
  const text = query.toString();
  return text ? `/audit?${text}` : "/audit";
}

const MAX_VALUE_LENGTH = 60;

/**
 * A recorded value in a few characters: "—" for none, a time field (`…At`, ms) as a
 * date, text as is, anything else as JSON; long values cut.
 */
function brief(view: ViewContext, field: string, value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (field.endsWith("At") && typeof value === "number") return view.fmt.dateTime(value);
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

/** The changed fields of an audit entry, one a line: `role  viewer → admin`. */
function ChangeList({ view, changes }: { view: ViewContext; changes: Changes | null }) {
  const entries = Object.entries(changes ?? {});
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <dl class="changes">
      {entries.map(([field, { before, after }]) => (
        <div class="change">
          <dt>{field}</dt>
          <dd>
            <span class="change-before">{brief(view, field, before)}</span>
            <span class="change-arrow" aria-hidden="true">
              →
            </span>
            <span class="visually-hidden"> {view.t("audit.changedTo")} </span>
            <span class="change-after">{brief(view, field, after)}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
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

/** The audit log's filter bar: who, what, on which kind of resource, between which days. */
function AuditFilterBar({ view, filters, errors, actors }: AuditPageProps) {
  const { t } = view;
  const known = actors.some((a) => a.id === filters.actor);
  const choices = [
    { value: "", label: t("audit.filter.anyone") },
    ...actors.map((a) => ({ value: a.id, label: a.label })),
    ...(filters.actor && !known ? [{ value: filters.actor, label: filters.actor }] : []),
  ];
  const active = AUDIT_FILTERS.some((name) => filters[name] !== "");
  return (
    <FilterBar
      view={view}
      list={{ one: "audit", many: "audit", path: "/audit" }}
      filters={filters}
      errors={errors}
      apply={
        <>
          <Icon name="filter" sprite={view.asset("vendor/icons.svg")} />
          {t("audit.filter.apply")}
        </>
      }
      applyTestid="audit-apply"
      actions={
        active ? (
          <a class="button is-secondary is-plain" href="/audit">
            {t("audit.filter.clear")}
          </a>
        ) : null
      }
      items={[
        selectFilter(view, "audit", "actor", choices),
        {
          kind: "text",
          name: "action",
          label: t("audit.filter.action"),
          placeholder: "user.update",
          spellcheck: false,
          maxlength: 100,
        },
        {
          kind: "text",
          name: "resourceType",
          label: t("audit.filter.resourceType"),
          placeholder: "user",
          spellcheck: false,
          maxlength: 100,
        },
        { kind: "text", name: "from", type: "date", label: t("audit.filter.from") },
        { kind: "text", name: "to", type: "date", label: t("audit.filter.to") },
      ]}
    />
  );
}

/** The audit log: who did what to which resource, when and from where; filtered, newest first. */
export function AuditLogPage(props: AuditPageProps) {
  const { view, filters, results } = props;
  const { t, fmt } = view;
  const filtered = AUDIT_FILTERS.some((name) => filters[name] !== "");
  return (
    <>
      <PageHead
        title={t("audit.title")}
        subClass="num"
        sub={t("audit.count", { total: fmt.number(results.total) })}
      />
      <AuditFilterBar {...props} />
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
