import { diffLines } from "diff";

/** One line of a line diff: kept, removed from the old text, or added in the new one. */
export interface DiffLine {
  kind: "same" | "removed" | "added";
  text: string;
  /** Line number in the old text (kept and removed lines). */
  oldLine: number | null;
  /** Line number in the new text (kept and added lines). */
  newLine: number | null;
}

/** A line diff with its counts. */
export type LineDiff = ReturnType<typeof lineDiff>;

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
export function lineDiff(before: string, after: string) {
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
