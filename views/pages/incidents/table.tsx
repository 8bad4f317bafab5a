/** @jsxImportSource hono/jsx */

import { INCIDENT_STATUSES } from "../../../src/kit/incident-statuses.ts";
import type { RecordPerson } from "../../../src/kit/record-queries.ts";
import { SEVERITIES } from "../../../src/lib/severity.ts";
import { INCIDENT } from "../../../src/modules/incidents/kind.ts";
import {
  type IncidentQuery,
  type IncidentView,
  incidentQuerySchema,
} from "../../../src/modules/incidents/queries.ts";
import { listUrls } from "../../components/query-string.ts";
import { personColumn, severityColumn, timeColumn, titleColumn } from "../../components/record-columns.tsx";
import type { RecordListSpec } from "../../components/record-list.tsx";
import { StatusText } from "../../components/state-badge.tsx";

/**
 * `/incidents`: the list with search, status, severity and assignee filters (the people an
 * incident can be assigned to), its columns and how an incident fills each.
 */
export const INCIDENT_TABLE: RecordListSpec<IncidentView, IncidentQuery, { people: RecordPerson[] }> = {
  kind: INCIDENT,
  urls: listUrls(INCIDENT.path, incidentQuerySchema),
  columns: [
    titleColumn<IncidentView>(INCIDENT, (i) =>
      i.category ? <div class="cell-sub">{i.category}</div> : null,
    ),
    severityColumn({ key: "severity", label: "severity" }, (i) => i.severity),
    {
      key: "status",
      label: "status",
      class: "nowrap",
      cell: (i, { view }) => <StatusText view={view} many="incidents" status={i.status} />,
    },
    personColumn({ key: null, label: "assignee" }, (i) => i.assignedTo, "incidents.unassigned"),
    timeColumn({ key: "detectedAt", label: "detected" }, (i) => i.detectedAt),
    timeColumn({ key: "updatedAt", label: "updated", optional: true }, (i) => i.updatedAt),
  ],
  fields: ({ choice, person }, { people }) => [
    choice("status", INCIDENT_STATUSES),
    choice("severity", SEVERITIES, { labels: "severity" }),
    person("assignedTo", people, { label: "assignee", none: "incidents.unassigned" }),
  ],
};
