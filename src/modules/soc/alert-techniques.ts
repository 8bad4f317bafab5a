import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { liveSummaries } from "../../kit/record-lookup.ts";
import { recordTechniquesSetter } from "../threats/record-techniques.ts";
import { alerts } from "./alerts-schema.ts";

/** True (as SQL) when the alert with id `id` exists and is not deleted: for counts over links. */
export function isLiveAlert(id: SQLWrapper): SQL {
  return sql`exists (select 1 from ${alerts} where ${alerts.id} = ${id} and ${alerts.deletedAt} is null)`;
}

/** The live (not deleted) alerts among `ids`, as the threat catalog lists them under a technique. */
export async function alertSummaries(db: Db, ids: readonly string[]) {
  const { id, title, severity, status, firstSeen, count } = alerts;
  return liveSummaries(db, alerts, { id, title, severity, status, firstSeen, count }, ids);
}

/**
 * Replaces the ATT&CK techniques alert `recordId` names (analysts and up: `update` on
 * alerts); unknown ids are a 422 naming them; audited as `alert.techniques`.
 */
export const setAlertTechniques = recordTechniquesSetter({
  kind: "alert",
  resource: "alerts",
  table: alerts,
  at: (row) => row.firstSeen,
});
