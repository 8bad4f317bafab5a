import { and, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import { type RequestFacts, recordAudit } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import type { RecordReader } from "../../kit/record-lookup.ts";
import { syncSearchEntry } from "../../kit/search-index.ts";
import { chunks } from "../../lib/chunks.ts";
import { Validation } from "../../lib/errors.ts";
import type { VulnerabilityDeps } from "./deps.ts";
import {
  assetRefs,
  cellText,
  IMPORT_COLUMNS,
  type ImportColumn,
  type ImportIssue,
  parseImportTime,
  type Raw,
  type RawRow,
  readImportFile,
  severityWord,
  statusWord,
} from "./import-file.ts";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "./import-limits.ts";
import { CVE_PATTERN, type NewVulnerability, newVulnerabilitySchema, type Rating } from "./input.ts";
import { type AssetMatch, cveTakenMessage, matchAssets } from "./links.ts";
import { type Vulnerability, vulnerabilities, vulnerabilityAssets } from "./schema.ts";
import { VULNERABILITY_SEARCH } from "./search.ts";
import { newRow } from "./service.ts";
import { dueDate, type VulnerabilitySla } from "./workflow.ts";

/** Formats an import reads. */
export const IMPORT_FORMATS = ["csv", "json"] as const;

/** An import as the API takes it. */
export const importSchema = z.object({
  format: z.enum(IMPORT_FORMATS, { error: "Choose the format: csv or json." }),
  content: z
    .string({ error: "Send the file's text as content." })
    .describe("The whole CSV or JSON file as text"),
});

/** An import to read. */
export type ImportInput = z.infer<typeof importSchema>;

/** What one row will become, as the preview shows it. */
export type ImportValues = Rating &
  Pick<Vulnerability, "cveId" | "title" | "description" | "status" | "discoveredAt" | "dueAt"> & {
    assets: AssetMatch[];
  };

/**
 * One row of the file: its number (CSV: as a spreadsheet counts, the header being row 1;
 * JSON: the item's position from 1), the values it will be stored with, or its problems.
 */
export interface ImportRow {
  row: number;
  values: ImportValues | null;
  errors: ImportIssue[];
  /** The row's cells as read, to recognise a row with problems (empty for one without). */
  cells: Partial<Record<ImportColumn, string>>;
}

/** The preview of an import: problems of the file as a whole, then every row. */
export interface ImportReport {
  format: (typeof IMPORT_FORMATS)[number];
  /** Problems of the whole file (size, syntax, header): nothing can be imported. */
  fileErrors: string[];
  rows: ImportRow[];
  /** Rows without problems. */
  valid: number;
  /** Rows with problems. */
  invalid: number;
}

/** True when nothing stands in the way of importing every row. */
export function importable(report: ImportReport): boolean {
  return report.fileErrors.length === 0 && report.invalid === 0 && report.rows.length > 0;
}

/**
 * A refused import (422): the report, and each problem as a field error (`content` for the
 * file, `rows.<row>.<column>` for a row), so the API answers a standard problem document.
 */
export class ImportRefused extends Validation {
  constructor(readonly report: ImportReport) {
    const fields: Record<string, string> = {};
    for (const message of report.fileErrors) fields.content ??= message;
    for (const row of report.rows)
      for (const issue of row.errors) fields[`rows.${row.row}.${issue.field}`] ??= issue.message;
    const problem =
      report.fileErrors.length > 0
        ? "The file cannot be imported"
        : `${report.invalid} of ${report.rows.length} rows have problems`;
    super(fields, `${problem}; nothing was imported. Correct the file and import it again.`);
  }
}

const FIELD_COLUMN: Record<string, ImportColumn> = {
  cveId: "cve_id",
  title: "title",
  description: "description",
  cvssVector: "cvss_vector",
  severity: "severity",
  status: "status",
  discoveredAt: "discovered_at",
  assetIds: "asset",
};

function cellsOf(raw: Raw): Partial<Record<ImportColumn, string>> {
  return Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, cellText(value)]));
}

/**
 * Reads and checks every row (against the database as `db` sees it) without writing:
 * the file's problems, then per row either what it will be stored as or each problem.
 */
async function check(
  db: RecordReader,
  sla: VulnerabilitySla,
  input: ImportInput,
): Promise<{ report: ImportReport; parsed: Map<number, NewVulnerability> }> {
  const fileErrors: string[] = [];
  const parsed = new Map<number, NewVulnerability>();
  const size = Buffer.byteLength(input.content, "utf8");
  let rawRows: RawRow[] = [];
  if (size > IMPORT_MAX_BYTES)
    fileErrors.push(
      `The file is ${(size / 1024 / 1024).toFixed(1)} MB; an import takes at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Split it into smaller files.`,
    );
  else rawRows = readImportFile(input.format, input.content, fileErrors);
  if (fileErrors.length === 0 && rawRows.length === 0) fileErrors.push("The file has no rows to import.");
  if (rawRows.length > IMPORT_MAX_ROWS)
    fileErrors.push(
      `The file has ${rawRows.length} rows; an import takes at most ${IMPORT_MAX_ROWS}. Split it.`,
    );
  const empty = { format: input.format, fileErrors, rows: [], valid: 0, invalid: 0 };
  if (fileErrors.length > 0) return { report: empty, parsed };

  const matches = await matchAssets(
    db,
    rawRows.flatMap((r) => assetRefs(r.raw.asset)),
  );
  const checked = rawRows.map((r) => checkRow(r, matches));
  const firstRowOf = new Map<string, number>();
  for (const { row, cveId, errors } of checked) {
    if (!cveId) continue;
    const first = firstRowOf.get(cveId);
    if (first === undefined) firstRowOf.set(cveId, row);
    else
      errors.push({
        field: "cve_id",
        message: `${cveId} is on row ${first} already: list every affected asset in that row, separated by “;”.`,
      });
  }
  const byRow = new Map(checked.map((c) => [c.row, c]));
  const ids = [...firstRowOf.keys()];
  for (const part of chunks(ids, 500)) {
    const taken = await db
      .select({ cveId: vulnerabilities.cveId, title: vulnerabilities.title })
      .from(vulnerabilities)
      .where(and(inArray(vulnerabilities.cveId, part), isNull(vulnerabilities.deletedAt)));
    for (const holder of taken) {
      const cveId = holder.cveId ?? "";
      byRow
        .get(firstRowOf.get(cveId) ?? 0)
        ?.errors.push({ field: "cve_id", message: cveTakenMessage(cveId, holder) });
    }
  }
  const now = Date.now();
  const rows: ImportRow[] = checked.map(({ row, raw, errors, input, assets }) => {
    if (errors.length > 0 || !input)
      return { row, errors: sortedIssues(errors), values: null, cells: cellsOf(raw) };
    parsed.set(row, input);
    const at = input.discoveredAt ?? now;
    const values: ImportValues = {
      cveId: input.cveId,
      title: input.title,
      description: input.description,
      ...input.rating,
      status: input.status,
      discoveredAt: at,
      dueAt: dueDate(input.rating.severity, at, sla),
      assets,
    };
    return { row, errors, values, cells: {} };
  });
  const invalid = rows.filter((r) => r.errors.length > 0).length;
  return {
    report: { format: input.format, fileErrors, rows, valid: rows.length - invalid, invalid },
    parsed,
  };
}

/** Problems in the order of the columns (then the row's own). */
function sortedIssues(errors: ImportIssue[]): ImportIssue[] {
  const rank = (field: string) => {
    const at = (IMPORT_COLUMNS as readonly string[]).indexOf(field);
    return at < 0 ? IMPORT_COLUMNS.length : at;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field));
}

/** One row checked on its own: its CVE id (when well-formed), the parsed input, the assets, its problems. */
interface CheckedRow {
  row: number;
  raw: Raw;
  errors: ImportIssue[];
  cveId: string | null;
  input: NewVulnerability | null;
  assets: AssetMatch[];
}

function checkRow({ row, raw, errors }: RawRow, matches: Map<string, AssetMatch[]>): CheckedRow {
  // A row of the wrong shape (too many cells, not an object) has its cells out of place: say only that.
  if (errors.some((e) => e.field === "row"))
    return { row, raw, errors, cveId: null, input: null, assets: [] };
  const assets: AssetMatch[] = [];
  for (const ref of assetRefs(raw.asset)) {
    const found = matches.get(ref) ?? [];
    if (found.length === 1 && found[0]) {
      if (!assets.some((a) => a.id === found[0]?.id)) assets.push(found[0]);
    } else if (found.length === 0) {
      errors.push({ field: "asset", message: `No asset has the id, host name or name “${ref}”.` });
    } else {
      errors.push({
        field: "asset",
        message: `“${ref}” could mean ${found.length} assets (${found.map((a) => a.name).join(", ")}): use the asset id.`,
      });
    }
  }
  const discoveredAt = parseImportTime(cellText(raw.discovered_at));
  if (discoveredAt === null)
    errors.push({
      field: "discovered_at",
      message: "Write the time in ISO 8601, such as 2026-03-01 or 2026-03-01T09:30:00Z.",
    });
  const result = newVulnerabilitySchema.safeParse({
    cveId: cellText(raw.cve_id),
    title: cellText(raw.title),
    description: cellText(raw.description),
    cvssVector: cellText(raw.cvss_vector),
    severity: severityWord(cellText(raw.severity)),
    status: statusWord(cellText(raw.status)),
    ...(typeof discoveredAt === "number" ? { discoveredAt } : {}),
    assetIds: assets.map((a) => a.id),
  });
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = FIELD_COLUMN[String(issue.path[0])] ?? String(issue.path[0] ?? "row");
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
    }
  const cve = cellText(raw.cve_id).trim().toUpperCase();
  return {
    row,
    raw,
    errors,
    cveId: CVE_PATTERN.test(cve) ? cve : null,
    input: result.success ? result.data : null,
    assets,
  };
}

/** The preview of an import (analysts and up): nothing is written. */
export async function previewImport(
  deps: VulnerabilityDeps,
  actor: Actor,
  input: ImportInput,
): Promise<ImportReport> {
  assertCan(actor, "create", "vulnerabilities");
  return (await check(deps.db, deps.sla(), input)).report;
}

/**
 * Imports every row (analysts and up), all or nothing: the rows are checked again and
 * written in one transaction; with any problem nothing is written and ImportRefused (422,
 * with the report) is thrown. Audited once in the same transaction, with the count; announced once.
 */
export async function runImport(
  deps: VulnerabilityDeps,
  actor: Actor,
  input: ImportInput,
  request?: RequestFacts,
): Promise<{ imported: number; ids: string[] }> {
  assertCan(actor, "create", "vulnerabilities");
  const now = Date.now();
  const sla = deps.sla();
  const ids = await deps.db.transaction(async (tx) => {
    const { report, parsed } = await check(tx, sla, input);
    if (!importable(report)) throw new ImportRefused(report);
    const rows = [...parsed.values()].map((v) => newRow(actor, v, sla, now));
    const links = [...parsed.values()].flatMap((v, i) =>
      v.assetIds.map((assetId) => ({ vulnerabilityId: rows[i]?.id as string, assetId })),
    );
    // Chunks keep each statement well under SQLite's limit on parameters.
    for (const part of chunks(rows, 200)) await tx.insert(vulnerabilities).values(part);
    for (const part of chunks(links, 500)) await tx.insert(vulnerabilityAssets).values(part);
    for (const row of rows) await syncSearchEntry(tx, VULNERABILITY_SEARCH, row.id);
    await recordAudit(tx, {
      actor,
      action: "vulnerability.import",
      resourceType: "vulnerability",
      resourceId: null,
      changes: createdChanges({ imported: rows.length, format: input.format }),
      request,
    });
    return rows.map((r) => r.id);
  });
  deps.bus?.publish("vulnerabilities", "vulnerability.imported", { count: ids.length });
  return { imported: ids.length, ids };
}
