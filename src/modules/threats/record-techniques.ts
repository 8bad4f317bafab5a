import type { Context } from "hono";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan, type Resource } from "../../kit/rbac.ts";
import { findRow, type SoftDeletableTable } from "../../kit/record-lookup.ts";
import { actionRoute } from "../../kit/record-routes.ts";
import type { AppEnv } from "../../lib/context.ts";
import type { TechniqueLinkKind } from "./links-schema.ts";
import {
  setTechniqueLinks,
  type TechniqueSetChange,
  techniqueSetAnswer,
  techniqueSetSchema,
} from "./technique-links.ts";

/*
 * The parts every record kind naming techniques shares: the service that replaces the set
 * (RBAC, the record's existence, the audit entry) and its `PUT …/{id}/techniques` route.
 */

/** Replaces the techniques one record names, as the actor (see {@link recordTechniquesSetter}). */
export type SetRecordTechniques = (
  db: Db,
  actor: Actor,
  recordId: string,
  attackIds: readonly string[],
  request?: RequestFacts,
) => Promise<TechniqueSetChange>;

/**
 * The service replacing the ATT&CK techniques a record of `kind` names: `update` on
 * `resource`, 404 for a missing or deleted record, 422 naming unknown ids, audited as
 * `<kind>.techniques`. `at` is when the record happened (what the matrix counts by).
 */
export function recordTechniquesSetter<T extends SoftDeletableTable>(of: {
  kind: TechniqueLinkKind;
  resource: Resource;
  table: T;
  at: (row: T["$inferSelect"]) => number;
}): SetRecordTechniques {
  return async (db, actor, recordId, attackIds, request) => {
    assertCan(actor, "update", of.resource);
    const row = await findRow(db, of.table, of.kind, recordId);
    return setTechniqueLinks(
      db,
      { kind: of.kind, recordId: row.id as string, at: of.at(row), resourceType: of.kind },
      attackIds,
      actor,
      request,
    );
  };
}

/** `PUT /:id/techniques` of a record API (`noun`: "alert", "incident" …), for `router.put(...)`. */
export function techniquesRoute(
  noun: string,
  resource: Resource,
  set: (c: Context<AppEnv>, id: string, techniques: string[]) => Promise<TechniqueSetChange>,
) {
  return actionRoute(
    "/:id/techniques",
    {
      summary: `Set the ATT&CK techniques ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} names`,
      permission: { action: "update", resource },
      description: `Replaces the whole set (an empty list clears it); unknown ATT&CK ids are a 422 naming them and nothing changes. Audited as ${noun}.techniques; the same set again changes nothing (\`changed: false\`).`,
      body: techniqueSetSchema,
      ok: { description: "The set before and after", schema: techniqueSetAnswer },
    },
    (c, id, body) => set(c, id, body.techniques),
  );
}
