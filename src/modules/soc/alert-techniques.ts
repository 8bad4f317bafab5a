import { and, inArray, isNull, type SQL, type SQLWrapper, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { findRow } from "../../kit/record-lookup.ts";
import type { Severity } from "../../lib/severity.ts";
import { setTechniqueLinks, type TechniqueSetChange } from "../threats/technique-links.ts";
import { type AlertStatus, alerts } from "./alerts-schema.ts";

/** An alert as the threat catalog lists it under a technique. */
export interface AlertSummary {
  id: string;
  title: string;
  severity: Severity;
  status: AlertStatus;
  firstSeen: number;
  count: number;
}

/** True (as SQL) when the alert with id `id` exists and is not deleted: for counts over links. */
export function isLiveAlert(id: SQLWrapper): SQL {
  return sql`exists (select 1 from ${alerts} where ${alerts.id} = ${id} and ${alerts.deletedAt} is null)`;
}

/** The live (not deleted) alerts among `ids`, for pages listing what names a technique. */
export async function alertSummaries(db: Db, ids: readonly string[]): Promise<AlertSummary[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      id: alerts.id,
      title: alerts.title,
      severity: alerts.severity,
      status: alerts.status,
      firstSeen: alerts.firstSeen,
      count: alerts.count,
    })
    .from(alerts)
    .where(and(inArray(alerts.id, [...ids]), isNull(alerts.deletedAt)));
}

/**
 * Replaces the ATT&CK techniques alert `alertId` names (analysts and up: `update` on
 * alerts); unknown ids are a 422 naming them; audited as `alert.techniques`.
 */
export async function setAlertTechniques(
  db: Db,
  actor: Actor,
  alertId: string,
  attackIds: readonly string[],
  request?: RequestFacts,
): Promise<TechniqueSetChange> {
  assertCan(actor, "update", "alerts");
  const alert = await findRow(db, alerts, "alert", alertId);
  return setTechniqueLinks(
    db,
    { kind: "alert", recordId: alert.id, at: alert.firstSeen, resourceType: "alert" },
    attackIds,
    actor,
    request,
  );
}
