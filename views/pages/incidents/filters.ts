import { INCIDENT } from "../../../src/modules/incidents/kind.ts";
import type { IncidentQuery } from "../../../src/modules/incidents/queries.ts";
import { listUrls } from "../../components/query-string.ts";

/** The incident list's view as it stands in the URL. */
export type IncidentFilters = IncidentQuery;

/** The incident list's URLs: its filters in the URL, newest first unless sorted otherwise. */
export const incidentUrls = listUrls<IncidentFilters>(
  INCIDENT.path,
  ["q", "status", "severity", "assignedTo", "deleted", "sort", "pageSize", "page"],
  "-createdAt",
);
