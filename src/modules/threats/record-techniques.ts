import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan, type Resource } from "../../kit/rbac.ts";
import { findRow, type SoftDeletableTable } from "../../kit/record-lookup.ts";
import type { ResourceRouter } from "../../kit/resource-router.ts";
import { withArticle } from "../../lib/article.ts";
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
    const link = { kind: of.kind, recordId: row.id as string, at: of.at(row) };
    return setTechniqueLinks(db, link, attackIds, actor, request);
  };
}

/**
 * `PUT /:id/techniques` on a record API's `router` (`noun`: "alert", "incident" …), through
 * `set` (a {@link recordTechniquesSetter}).
 */
export function techniquesRoute<S extends { db: Db }>(
  router: ResourceRouter<S>,
  noun: string,
  set: SetRecordTechniques,
): ResourceRouter<S> {
  return router.act(
    "/:id/techniques",
    {
      method: "put",
      summary: `Set the ATT&CK techniques ${withArticle(noun)} names`,
      description: `Replaces the whole set (an empty list clears it); unknown ATT&CK ids are a 422 naming them and nothing changes. Audited as ${noun}.techniques; the same set again changes nothing (\`changed: false\`).`,
      body: techniqueSetSchema,
      ok: { description: "The set before and after", schema: techniqueSetAnswer },
    },
    (svc, actor, id, body, request) => set(svc.db, actor, id, body.techniques, request),
  );
}
