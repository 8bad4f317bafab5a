import { and, desc, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { personOf, type RecordPerson } from "../../kit/record-queries.ts";
import { NotFound } from "../../lib/errors.ts";
import { type LineDiff, lineDiff } from "../../lib/line-diff.ts";
import { type DocumentVersion, documentVersions } from "./schema.ts";
import { type DocumentDeps, documentFor } from "./service.ts";

/** A published version as listed (without its text). */
export type VersionSummary = Omit<DocumentVersion, "content" | "publishedBy" | "id"> & {
  publishedBy: RecordPerson | null;
};

/** A published version with its text. */
export type VersionView = VersionSummary & { content: string };

/** The diff between two published versions. */
export interface VersionDiff extends LineDiff {
  from: number;
  to: number;
  title: { from: string; to: string };
}

function selectVersions(deps: DocumentDeps) {
  return deps.db
    .select({
      documentUuid: documentVersions.documentUuid,
      version: documentVersions.version,
      title: documentVersions.title,
      content: documentVersions.content,
      publishedAt: documentVersions.publishedAt,
      publishedById: documentVersions.publishedBy,
      publisherName: users.displayName,
    })
    .from(documentVersions)
    .leftJoin(users, eq(users.id, documentVersions.publishedBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectVersions>["execute"]>>[number];

function toView({ publishedById, publisherName, ...rest }: Row): VersionView {
  return { ...rest, publishedBy: personOf(publishedById, publisherName) };
}

/** The published versions of a document, newest first (every role that reads documents). */
export async function listDocumentVersions(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
): Promise<VersionSummary[]> {
  await documentFor(deps, actor, "read", id);
  const rows = await selectVersions(deps)
    .where(eq(documentVersions.documentUuid, id))
    .orderBy(desc(documentVersions.version));
  return rows.map((row) => {
    const { content: _, ...summary } = toView(row);
    return summary;
  });
}

async function findVersion(deps: DocumentDeps, id: string, version: number): Promise<VersionView> {
  const [row] = await selectVersions(deps)
    .where(and(eq(documentVersions.documentUuid, id), eq(documentVersions.version, version)))
    .limit(1);
  if (!row) throw new NotFound(`This document has no published version ${version}.`);
  return toView(row);
}

/** One published version with its text, as it was published. */
export async function getDocumentVersion(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  version: number,
): Promise<VersionView> {
  await documentFor(deps, actor, "read", id);
  return findVersion(deps, id, version);
}

/** The line diff of the text from published version `from` to `to` (either order); 404 for a version that does not exist. */
export async function diffDocumentVersions(
  deps: DocumentDeps,
  actor: Actor,
  id: string,
  from: number,
  to: number,
): Promise<VersionDiff> {
  await documentFor(deps, actor, "read", id);
  const [a, b] = await Promise.all([findVersion(deps, id, from), findVersion(deps, id, to)]);
  return { from, to, title: { from: a.title, to: b.title }, ...lineDiff(a.content, b.content) };
}
