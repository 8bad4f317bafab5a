/** @jsxImportSource hono/jsx */

import { INCIDENT_STATUSES } from "../../../src/kit/incident-statuses.ts";
import type { ViewContext } from "../../../src/lib/context.ts";
import type { FieldErrors } from "../../../src/lib/errors.ts";
import type { Page } from "../../../src/lib/list-query.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { IncidentView } from "../../../src/modules/incidents/queries.ts";
import { FilterFields } from "../../components/filter-fields.tsx";
import { choices, namedChoices } from "../../components/form-fields.tsx";
import { RecordList } from "../../components/record-list.tsx";
import type { IncidentFilters } from "./filters.ts";
import { INCIDENT_TABLE } from "./table.tsx";

/** Props of the incident list. */
export interface IncidentsPageProps {
  view: ViewContext;
  filters: IncidentFilters;
  errors: FieldErrors;
  page: Page<IncidentView>;
  /** People an incident can be assigned to. */
  people: { id: string; name: string }[];
  canCreate: boolean;
  /** Admins see deleted incidents on request and restore them. */
  canRestore: boolean;
  notice: string | null;
}

/**
 * `/incidents`: the list with search, status, severity and assignee filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an incident.
 */
export function IncidentsPage({
  view,
  filters,
  errors,
  page,
  people,
  canCreate,
  canRestore,
  notice,
}: IncidentsPageProps) {
  const { t } = view;
  const any = { value: "", label: t("incidents.filter.any") };
  return (
    <RecordList
      view={view}
      table={INCIDENT_TABLE}
      filters={filters}
      page={page}
      liveEvents="incident.created incident.updated incident.deleted"
      canCreate={canCreate}
      restore={canRestore ? { back: t("incidents.showOpen") } : undefined}
      notice={notice}
      fields={
        <FilterFields
          filters={filters}
          errors={errors}
          items={[
            { kind: "text", name: "q", type: "search", label: t("incidents.filter.q"), maxlength: 200 },
            {
              kind: "select",
              name: "status",
              label: t("incidents.filter.status"),
              options: choices([any], INCIDENT_STATUSES, (s) => t(`incidents.status.${s}`)),
            },
            {
              kind: "select",
              name: "severity",
              label: t("incidents.filter.severity"),
              options: choices([any], SEVERITIES, (s) => t(`severity.${s}`)),
            },
            {
              kind: "select",
              name: "assignedTo",
              label: t("incidents.filter.assignee"),
              options: namedChoices(
                [
                  { value: "", label: t("incidents.filter.anyone") },
                  { value: "none", label: t("incidents.unassigned") },
                ],
                people,
              ),
            },
          ]}
        />
      }
    />
  );
}
