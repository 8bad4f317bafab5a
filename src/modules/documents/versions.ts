import { diffLines } from "diff";
import { and, desc, eq } from "drizzle-orm";
import { users } from "../../db/schema/users.ts";
import type { Actor } from "../../kit/actor.ts";
import { personOf, type RecordPerson } from "../../kit/record-queries.ts";
import { NotFound } from "../../lib/errors.ts";
import { type DocumentVersion, documentVersions } from "./schema.ts";
import { type DocumentDeps, documentFor } from "./service.ts";

/** A published version as listed (without its text). */
export type VersionSummary = Omit<DocumentVersion, "content" | "publishedBy" | "id"> & {
  publishedBy: RecordPerson | null;
};

/** A published version with its text. */
export type VersionView = VersionSummary & { content: string };

/** The diff between two published versions. */
export type VersionDiff = ReturnType<typeof lineDiff> & {
  from: number;
  to: number;
  title: { from: string; to: string };
};

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

/** One line of a line diff: kept, removed from the old text, or added in the new one. */
interface DiffLine {
  kind: "same" | "removed" | "added";
  text: string;
  /** Line number in the old text (kept and removed lines). */
  oldLine: number | null;
  /** Line number in the new text (kept and added lines). */
  newLine: number | null;
}

/** How long one diff may compute before it gives up and shows the texts as replaced whole. */
const DIFF_TIMEOUT_MS = 1000;

/** The text's lines, CRLF and CR read as LF; a missing final line break makes no difference. */
function linesOf(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  if (normalized === "") return [];
  return (normalized.endsWith("\n") ? normalized.slice(0, -1) : normalized).split("\n");
}

/**
 * The line diff from `before` to `after` (jsdiff's Myers diff: fewest removed plus added
 * lines). Line endings are normalised first. Should the texts be so different that the diff
 * takes longer than a second, the answer is every old line removed and every new one added.
 */
function lineDiff(before: string, after: string) {
  const oldLines = linesOf(before);
  const newLines = linesOf(after);
  const join = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
  const changes = diffLines(join(oldLines), join(newLines), { timeout: DIFF_TIMEOUT_MS }) ?? [
    { value: join(oldLines), removed: true, added: false, count: oldLines.length },
    { value: join(newLines), removed: false, added: true, count: newLines.length },
  ];
  const lines: DiffLine[] = [];
  let oldLine = 0;
  let newLine = 0;
  for (const change of changes) {
    for (const text of linesOf(change.value)) {
      if (change.added) lines.push({ kind: "added", text, oldLine: null, newLine: ++newLine });
      else if (change.removed) lines.push({ kind: "removed", text, oldLine: ++oldLine, newLine: null });
      else lines.push({ kind: "same", text, oldLine: ++oldLine, newLine: ++newLine });
    }
  }
  const count = (kind: DiffLine["kind"]) => lines.filter((line) => line.kind === kind).length;
  return { lines, added: count("added"), removed: count("removed") };
}
