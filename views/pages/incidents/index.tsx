/** @jsxImportSource hono/jsx */

import { INCIDENT_STATUSES } from "../../../src/kit/incident-statuses.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import type { IncidentQuery, IncidentView } from "../../../src/modules/incidents/queries.ts";
import { RecordList, type RecordListState } from "../../components/record-list.tsx";
import { INCIDENT_TABLE } from "./table.tsx";

/** Props of the incident list. */
export interface IncidentsPageProps extends RecordListState<IncidentView, IncidentQuery> {
  /** People an incident can be assigned to. */
  people: { id: string; name: string }[];
}

/**
 * `/incidents`: the list with search, status, severity and assignee filters, sortable
 * columns and pages, all in the URL; it refreshes when anyone changes an incident.
 */
export function IncidentsPage({ people, ...list }: IncidentsPageProps) {
  return (
    <RecordList
      {...list}
      table={INCIDENT_TABLE}
      fields={({ choice, person }) => [
        choice("status", INCIDENT_STATUSES),
        choice("severity", SEVERITIES, { labels: "severity" }),
        person("assignedTo", people, { label: "assignee", none: "incidents.unassigned" }),
      ]}
    />
  );
}
