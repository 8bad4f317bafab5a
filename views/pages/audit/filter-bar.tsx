/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import { SelectField, TextField } from "../../components/form-field.tsx";
import { Icon } from "../../components/icon.tsx";
import { SubmitButton } from "../../components/submit-button.tsx";

/** The audit log's filters as they stand in the URL (strings, blank for "any"). */
export interface AuditFilters {
  actor: string;
  action: string;
  resourceType: string;
  /** A day, `YYYY-MM-DD`, in the viewer's time zone. */
  from: string;
  to: string;
}

/** The filter names in the order of the bar. */
export const AUDIT_FILTERS = ["actor", "action", "resourceType", "from", "to"] as const;

/** Someone who can be picked as the actor filter. */
export interface ActorChoice {
  id: string;
  label: string;
}

/** Props of the filter bar. */
export interface AuditFilterBarProps {
  view: ViewContext;
  filters: AuditFilters;
  errors: FieldErrors;
  actors: ActorChoice[];
}

/**
 * The filter bar: a GET form, so the filters live in the URL (reload, back and a shared
 * link all land on the same view).
 */
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
    <search aria-label={t("audit.filter.label")}>
      <form method="get" action="/audit" class="filter-bar">
        <SelectField
          name="actor"
          label={t("audit.filter.actor")}
          value={filters.actor}
          error={errors.actor}
          options={choices}
        />
        <TextField
          name="action"
          label={t("audit.filter.action")}
          value={filters.action}
          error={errors.action}
          placeholder="user.update"
          spellcheck={false}
          maxlength={100}
        />
        <TextField
          name="resourceType"
          label={t("audit.filter.resourceType")}
          value={filters.resourceType}
          error={errors.resourceType}
          placeholder="user"
          spellcheck={false}
          maxlength={100}
        />
        <TextField
          name="from"
          type="date"
          label={t("audit.filter.from")}
          value={filters.from}
          error={errors.from}
        />
        <TextField name="to" type="date" label={t("audit.filter.to")} value={filters.to} error={errors.to} />
        <div class="filter-actions">
          <SubmitButton variant="secondary" testid="audit-apply">
            <Icon name="filter" sprite={view.asset("vendor/icons.svg")} />
            {t("audit.filter.apply")}
          </SubmitButton>
          {active ? (
            <a class="button is-secondary is-plain" href="/audit">
              {t("audit.filter.clear")}
            </a>
          ) : null}
        </div>
      </form>
    </search>
  );
}
