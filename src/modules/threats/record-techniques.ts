import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan, type Resource } from "../../kit/rbac.ts";
import { findRow, type SoftDeletableTable } from "../../kit/record-lookup.ts";
import { staleVersion, type VersionedTable, writeIfCurrent } from "../../kit/record-versioning.ts";
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

/** A new set of techniques for a record, by ATT&CK id, against the record's `version` read when given. */
export interface RecordTechniquesChange {
  techniques: readonly string[];
  version?: number | undefined;
}

/** The set a record names before and after a change, and the record's version now. */
export type RecordTechniquesSet = TechniqueSetChange & { version: number };

/** Replaces the techniques one record names, as the actor (see {@link recordTechniquesSetter}). */
export type SetRecordTechniques = (
  db: Db,
  actor: Actor,
  recordId: string,
  change: RecordTechniquesChange,
  request?: RequestFacts,
) => Promise<RecordTechniquesSet>;

/**
 * The service replacing the ATT&CK techniques a record of `kind` names: `update` on
 * `resource`, 404 for a missing or deleted record, 409 when `version` is given and the record
 * is no longer at it (nothing written; without one the set replaces the one named now), 422
 * naming unknown ids, audited as `<kind>.techniques`. A changed set is a change of the
 * record: its version and `updatedAt` move on in the same transaction as the links, so an
 * edit against the version before is refused. `at` is when the record happened (what the
 * matrix counts by).
 */
export function recordTechniquesSetter<T extends SoftDeletableTable & VersionedTable>(of: {
  kind: TechniqueLinkKind;
  resource: Resource;
  table: T;
  at: (row: T["$inferSelect"]) => number;
}): SetRecordTechniques {
  return async (db, actor, recordId, change, request) => {
    assertCan(actor, "update", of.resource);
    const row = await findRow(db, of.table, of.kind, recordId);
    const stored = row.version as number;
    if (change.version !== undefined && change.version !== stored)
      throw staleVersion(of.kind, stored, change.version);
    const id = row.id as string;
    const link = { kind: of.kind, recordId: id, at: of.at(row) };
    let written = stored;
    const set = await setTechniqueLinks(db, link, change.techniques, actor, request, async (tx) => {
      // Without a version sent, the record as it is in this transaction.
      const version = change.version ?? ((await findRow(tx, of.table, of.kind, id)).version as number);
      if (!(await writeIfCurrent(tx, of.table, { id, version }, {})))
        throw staleVersion(of.kind, (await findRow(tx, of.table, of.kind, id)).version as number, version);
      written = version + 1;
    });
    return { ...set, version: written };
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
      description: `Replaces the whole set (an empty list clears it); unknown ATT&CK ids are a 422 naming them and nothing changes. Send the ${noun}'s version you read as \`version\` or as \`If-Match\`; if it changed since, the answer is 409 and nothing is written. Without either the set replaces the one named now (no 428). A changed set is a change of the ${noun}: its version grows by one (the answer's \`version\` and ETag), so an edit against the version before is refused. Audited as ${noun}.techniques; the same set again changes nothing (\`changed: false\`, same version).`,
      body: techniqueSetSchema,
      ok: {
        description: `The set before and after, and the ${noun}'s version now`,
        schema: techniqueSetAnswer,
      },
      ifMatch: true,
      etag: true,
      versionOptional: true,
    },
    (svc, actor, id, body, request) => set(svc.db, actor, id, body, request),
  );
}
