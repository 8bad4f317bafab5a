import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, timeColumns } from "../../kit/record-csv.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { threatSchema } from "./api-schemas.ts";
import { THREAT_KIND } from "./kind.ts";
import { newThreatSchema, threatPatchSchema, threatQuerySchema } from "./threat-input.ts";
import { getThreat, type ThreatView, threatQueries } from "./threat-queries.ts";
import { createThreat, deleteThreat, restoreThreat, updateThreat } from "./threat-service.ts";

/** The columns of a threat export. */
const CSV_COLUMNS: CsvColumn<ThreatView>[] = [
  ...fieldColumns<ThreatView>("id", "name", "category"),
  { header: "techniques", value: (t) => t.techniques.map((x) => x.attackId).join(" ") },
  ...timeColumns<ThreatView>("createdAt"),
];

/** The organisation's own threats as a record kind: the record kit's standard routes. */
const threatRecords = defineRecordApi({
  kind: THREAT_KIND,
  tag: "Threats",
  schema: threatSchema,
  query: threatQuerySchema,
  columns: CSV_COLUMNS,
  queries: threatQueries,
  create: {
    summary: "Record a threat",
    description: "`techniques` names ATT&CK techniques by id (T1059.001); unknown ids are a 422 naming them.",
    body: newThreatSchema,
    run: createThreat,
  },
  get: { summary: "One threat", run: getThreat },
  update: {
    description: "Against the version read (`version` or `If-Match`); `techniques` replaces the whole set.",
    body: threatPatchSchema,
    run: updateThreat,
  },
  delete: deleteThreat,
  restore: restoreThreat,
});

/**
 * The organisation's threats (read: every role; write: analysts and up; delete and restore: admins):
 * list, export, create, get, edit, delete, restore under /api/v1/threats.
 */
export function threatsApi(deps: AppDeps): ApiRouter {
  return recordApi(threatRecords, deps, { db: deps.database.db, bus: deps.bus });
}
