import { and, eq, sql } from "drizzle-orm";
import { activePeople } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { can } from "../../kit/rbac.ts";
import { commitChange } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { assertTransition } from "../../kit/record-move.ts";
import { isAtVersion } from "../../kit/record-versioning.ts";
import { type DocumentStatus, documents, documentVersions } from "./schema.ts";
import {
  DOCUMENT_CHANGES,
  type DocumentDeps,
  type DocumentView,
  documentFor,
  findDocumentView,
  stale,
} from "./service.ts";
import { actionFor, TRANSITIONS } from "./workflow.ts";

/** The moves `actor` may make from `status` (for the workflow buttons). */
export function allowedMoves(actor: Actor, status: DocumentStatus): DocumentStatus[] {
  return TRANSITIONS[status].filter((to) => can(actor, actionFor(to), "documents"));
}

/**
 * Moves a document along its workflow (see document-workflow.ts): approving needs
 * `approve`, publishing and archiving need `publish` (managers, admins), the other moves
 * `update`. An invalid move, or one made against an old row version, is 409. Publishing
 * stores the title and text as the next published version, in the same transaction as
 * the status change and its audit entry. Announced on the bus once committed.
 */
export async function changeDocumentStatus(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  change: { status: DocumentStatus; version?: number },
  request?: RequestFacts,
): Promise<DocumentView> {
  const before = await documentFor(deps, actor, actionFor(change.status), id);
  assertTransition(
    "document",
    TRANSITIONS,
    before.status,
    change.status,
    (allowed) => `A document in ${before.status} can move to ${allowed}, not to ${change.status}.`,
  );
  const version = change.version ?? before.version;
  if (version !== before.version) throw stale(before, version);
  const now = Date.now();
  const guard = and(isAtVersion(documents, id, version), eq(documents.status, before.status));
  const publishing = change.status === "published";
  const published = before.publishedVersion + 1;
  const moved = {
    actor,
    request,
    id,
    action: publishing ? "document.publish" : "document.status",
    changes: {
      status: { before: before.status, after: change.status },
      ...(publishing ? { publishedVersion: { before: before.publishedVersion, after: published } } : {}),
    },
    event: publishing ? "document.published" : "document.updated",
    data: { version: version + 1, ...(publishing ? { publishedVersion: published } : {}) },
  };
  try {
    await commitChange(deps, DOCUMENT_CHANGES, moved, async (tx) => {
      const written = await tx
        .update(documents)
        .set({
          status: change.status,
          updatedAt: now,
          version: version + 1,
          ...(publishing ? { publishedVersion: published, publishedAt: now } : {}),
        })
        .where(guard)
        .returning({ id: documents.id });
      if (written.length === 0) throw stale(await findRow(tx, documents, "document", id), version);
      if (!publishing) return;
      // Copies the text just published.
      await tx.insert(documentVersions).select(
        tx
          .select({
            id: sql<string>`${Bun.randomUUIDv7()}`.as("id"),
            documentUuid: documents.id,
            version: documents.publishedVersion,
            title: documents.title,
            content: documents.content,
            publishedAt: sql<number>`${now}`.as("published_at"),
            publishedBy: sql<string | null>`${actor.id}`.as("published_by"),
          })
          .from(documents)
          .where(eq(documents.id, id)),
      );
    });
  } catch (error) {
    // Only a concurrent publish of the same version can make the version copy collide.
    if (publishing && /UNIQUE constraint failed/.test(String(error))) throw stale(before, version);
    throw error;
  }
  const view = await findDocumentView(deps, id);
  if (publishing && view.requiresAcknowledgment) {
    // Everyone who can sign in must acknowledge it; the publisher has just read it.
    const readers = (await activePeople(deps.db)).map((p) => p.id).filter((userId) => userId !== actor.id);
    const link = `/documents/${id}`;
    deps.events?.acknowledgmentRequested({ id, title: view.title, version: published, link }, readers);
  }
  return view;
}
