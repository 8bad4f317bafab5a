import { and, asc, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "../../db/schema/users.ts";
import { activePeople } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { announceChange, auditChange } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { Conflict, Forbidden } from "../../lib/errors.ts";
import { type Document, documentAcknowledgments, documents } from "./schema.ts";
import { DOCUMENT_CHANGES, type DocumentDeps, documentFor } from "./service.ts";

/** An acknowledgment of one published version by one user. */
export type Acknowledgment = typeof documentAcknowledgments.$inferSelect;

/** Who acknowledged a document's current published version, who has not, and every acknowledgment made. */
export const acknowledgmentStatusSchema = z.object({
  requiresAcknowledgment: z.boolean(),
  // 0: never published.
  version: z.number().int().describe("The published version in force"),
  open: z.boolean().describe("Acknowledgments are being collected (required, published, not archived)"),
  acknowledged: z.number().int(),
  pending: z.number().int(),
  // Every active user, pending ones first, then by name.
  people: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      acknowledgedAt: z.number().int().nullable().describe("null: has not acknowledged this version"),
      // The newest version they acknowledged, whichever it is; null: none.
      lastAcknowledgedVersion: z.number().int().nullable(),
    }),
  ),
  // Every acknowledgment of any version, newest first (inactive users included).
  history: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      version: z.number().int(),
      acknowledgedAt: z.number().int(),
    }),
  ),
});

/** Who acknowledged a document's current published version, who has not, and every acknowledgment made. */
export type AcknowledgmentStatus = z.infer<typeof acknowledgmentStatusSchema>;

/** A document the signed-in user still has to acknowledge. */
export type PendingAcknowledgment = Pick<
  Document,
  "id" | "documentId" | "title" | "category" | "publishedVersion" | "publishedAt"
>;

/** Acknowledgments are collected for a document that asks for them, once published and until archived. */
function collecting(doc: { requiresAcknowledgment: boolean; publishedVersion: number; status: string }) {
  return doc.requiresAcknowledgment && doc.publishedVersion > 0 && doc.status !== "archived";
}

/**
 * Records that the actor has read the current published version (every role that reads
 * documents). Idempotent: acknowledging again answers the first acknowledgment and writes
 * nothing. 409 when the document asks for no acknowledgment, has never been published or is
 * archived. The first acknowledgment of a version is audited and published on the bus.
 */
export async function acknowledgeDocument(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  request?: RequestFacts,
): Promise<Acknowledgment> {
  assertCan(actor, "read", "documents");
  if (actor.type === "system") throw new Forbidden("Only a person can acknowledge a document.");
  const doc = await findRow(deps.db, documents, "document", id);
  if (!doc.requiresAcknowledgment) throw new Conflict("This document does not ask for acknowledgment.");
  if (doc.publishedVersion === 0)
    throw new Conflict("This document has not been published yet; there is nothing to acknowledge.");
  if (doc.status === "archived") throw new Conflict("This document is archived; it needs no acknowledgment.");
  const key = { documentUuid: id, version: doc.publishedVersion, userId: actor.id };
  const acknowledged = {
    actor,
    request,
    id,
    action: "document.acknowledge",
    changes: { acknowledgedVersion: { before: null, after: doc.publishedVersion } },
    event: "document.acknowledged",
    data: { publishedVersion: doc.publishedVersion, userId: actor.id },
  };
  const [inserted] = await deps.db.transaction(async (tx) => {
    const rows = await tx
      .insert(documentAcknowledgments)
      .values({ ...key, acknowledgedAt: Date.now() })
      .onConflictDoNothing()
      .returning();
    if (rows.length > 0) await auditChange(tx, DOCUMENT_CHANGES, acknowledged);
    return rows;
  });
  if (inserted) {
    announceChange(deps.bus, DOCUMENT_CHANGES, acknowledged);
    return inserted;
  }
  const [existing] = await deps.db
    .select()
    .from(documentAcknowledgments)
    .where(
      and(
        eq(documentAcknowledgments.documentUuid, id),
        eq(documentAcknowledgments.version, key.version),
        eq(documentAcknowledgments.userId, actor.id),
      ),
    );
  return existing as Acknowledgment;
}

/** Who has and who has not acknowledged the current published version (every role that reads documents). */
export async function documentAcknowledgmentStatus(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
): Promise<AcknowledgmentStatus> {
  const doc = await documentFor(deps, actor, "read", id);
  const history = await deps.db
    .select({
      userId: documentAcknowledgments.userId,
      name: users.displayName,
      version: documentAcknowledgments.version,
      acknowledgedAt: documentAcknowledgments.acknowledgedAt,
    })
    .from(documentAcknowledgments)
    .innerJoin(users, eq(users.id, documentAcknowledgments.userId))
    .where(eq(documentAcknowledgments.documentUuid, id))
    .orderBy(desc(documentAcknowledgments.acknowledgedAt), desc(documentAcknowledgments.version));
  const people = (await activePeople(deps.db)).map((person) => {
    const mine = history.filter((h) => h.userId === person.id);
    const current = mine.find((h) => h.version === doc.publishedVersion);
    const last = mine.reduce<number | null>(
      (max, h) => (max === null || h.version > max ? h.version : max),
      null,
    );
    return {
      ...person,
      acknowledgedAt: current ? current.acknowledgedAt : null,
      lastAcknowledgedVersion: last,
    };
  });
  people.sort((a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null));
  const acknowledged = people.filter((p) => p.acknowledgedAt !== null).length;
  return {
    requiresAcknowledgment: doc.requiresAcknowledgment,
    version: doc.publishedVersion,
    open: collecting(doc),
    acknowledged,
    pending: people.length - acknowledged,
    people,
    history,
  };
}

/**
 * The documents the actor still has to acknowledge: they ask for it, are published and not
 * archived or deleted, and the actor has not acknowledged their current version. Oldest
 * publication first.
 */
export async function pendingAcknowledgments(
  deps: DocumentDeps,
  actor: Actor,
): Promise<PendingAcknowledgment[]> {
  assertCan(actor, "read", "documents");
  if (actor.type === "system") return [];
  const { id, documentId, title, category, publishedVersion, publishedAt } = documents;
  return deps.db
    .select({ id, documentId, title, category, publishedVersion, publishedAt })
    .from(documents)
    .where(
      and(
        eq(documents.requiresAcknowledgment, true),
        gt(documents.publishedVersion, 0),
        ne(documents.status, "archived"),
        isNull(documents.deletedAt),
        sql`not exists (select 1 from ${documentAcknowledgments} where ${documentAcknowledgments.documentUuid} = ${documents.id} and ${documentAcknowledgments.version} = ${documents.publishedVersion} and ${documentAcknowledgments.userId} = ${actor.id})`,
      ),
    )
    .orderBy(asc(documents.publishedAt), asc(documents.id));
}
