/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { FilterBar, selectFilter } from "../../components/filter-fields.tsx";
import { Icon } from "../../components/icon.tsx";

/** The filter names in the order of the bar (`from` and `to` are days, `YYYY-MM-DD`, in the viewer's time zone). */
export const AUDIT_FILTERS = ["actor", "action", "resourceType", "from", "to"] as const;

/** The audit log's filters as they stand in the URL (strings, blank for "any"). */
export type AuditFilters = Record<(typeof AUDIT_FILTERS)[number], string>;

/** Props of the filter bar. */
export interface AuditFilterBarProps {
  view: ViewContext;
  filters: AuditFilters;
  /** Filters that could not be used (and were left out of the search). */
  errors: FieldErrors;
  /** The people who can be picked as the actor filter. */
  actors: { id: string; label: string }[];
}

/** The audit log's filter bar: who, what, on which kind of resource, between which days. */
export function AuditFilterBar({ view, filters, errors, actors }: AuditFilterBarProps) {
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
