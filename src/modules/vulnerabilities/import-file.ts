import { CsvSyntaxError, parseCsv } from "../../lib/csv.ts";

/** The columns of an import (CSV header names, JSON keys); only `title` is required. */
export const IMPORT_COLUMNS = [
  "cve_id",
  "title",
  "description",
  "cvss_vector",
  "severity",
  "status",
  "asset",
  "discovered_at",
] as const;

/** A column of an import. */
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** One problem of a row: the column and what is wrong. */
export interface ImportIssue {
  field: string;
  message: string;
}

/** The cells of one row, by column (a JSON `asset` may be a list). */
export type Raw = Partial<Record<ImportColumn, string | string[]>>;

/** One row as read: its number, its cells, and what is wrong with its shape. */
export interface RawRow {
  row: number;
  raw: Raw;
  errors: ImportIssue[];
}

const columnList = IMPORT_COLUMNS.join(", ");

function isColumn(name: string): name is ImportColumn {
  return (IMPORT_COLUMNS as readonly string[]).includes(name);
}

/** `CVSS Vector`, `cvss-vector` → `cvss_vector`: a header's column name, a status's stored word. */
function storedWord(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

function readCsv(content: string, fileErrors: string[]): RawRow[] {
  let records: string[][];
  try {
    records = parseCsv(content);
  } catch (error) {
    if (!(error instanceof CsvSyntaxError)) throw error;
    fileErrors.push(error.message);
    return [];
  }
  const [header, ...body] = records;
  if (!header) return [];
  const columns = header.map(storedWord);
  columns.forEach((name, index) => {
    if (!isColumn(name))
      fileErrors.push(
        `Column ${index + 1} is “${header[index]}”, which is not a column. The columns are ${columnList}.`,
      );
    else if (columns.indexOf(name) !== index) fileErrors.push(`The column ${name} appears twice.`);
  });
  if (!columns.includes("title"))
    fileErrors.push(`The header has no title column. The columns are ${columnList}.`);
  if (fileErrors.length > 0) return [];
  const rows: RawRow[] = [];
  body.forEach((record, index) => {
    if (record.every((cell) => cell.trim() === "")) return;
    const errors: ImportIssue[] =
      record.length > columns.length
        ? [
            {
              field: "row",
              message: `This row has ${record.length} fields; the header has ${columns.length}.`,
            },
          ]
        : [];
    const raw: Raw = {};
    columns.forEach((name, i) => {
      raw[name as ImportColumn] = record[i] ?? "";
    });
    rows.push({ row: index + 2, raw, errors });
  });
  return rows;
}

function readJson(content: string, fileErrors: string[]): RawRow[] {
  let data: unknown;
  try {
    data = JSON.parse(content);
  } catch (error) {
    fileErrors.push(`The file is not valid JSON (${(error as Error).message}).`);
    return [];
  }
  if (!Array.isArray(data)) {
    fileErrors.push("The JSON file must hold an array of objects, one per vulnerability.");
    return [];
  }
  return data.map((item, index) => {
    const row = index + 1;
    if (item === null || typeof item !== "object" || Array.isArray(item))
      return { row, raw: {}, errors: [{ field: "row", message: "This item is not an object." }] };
    const raw: Raw = {};
    const errors: ImportIssue[] = [];
    for (const [key, value] of Object.entries(item)) {
      if (!isColumn(key)) {
        errors.push({ field: key, message: `“${key}” is not a column. The columns are ${columnList}.` });
      } else if (value === null || value === undefined) {
        raw[key] = "";
      } else if (typeof value === "string" || typeof value === "number") {
        raw[key] = String(value);
      } else if (key === "asset" && Array.isArray(value) && value.every((v) => typeof v === "string")) {
        raw[key] = value;
      } else {
        errors.push({
          field: key,
          message: key === "asset" ? "Give a text or a list of texts." : "Give a text.",
        });
      }
    }
    return { row, raw, errors };
  });
}

const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A discovery time: ISO 8601 (`2026-03-01`, `2026-03-01T09:30Z`, with an offset or
 * without — then UTC) or Unix ms; undefined when empty (now); null when unreadable.
 */
export function parseImportTime(text: string): number | undefined | null {
  const value = text.trim();
  if (value === "") return undefined;
  if (/^\d{10,15}$/.test(value)) return Number(value);
  const m = ISO_TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((p) => Number(p ?? 0));
  const wall = Date.UTC(year as number, (month as number) - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (check.getUTCMonth() !== (month as number) - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59)
    return null;
  const fraction = m[7] ? Math.round(Number(m[7]) * 1000) : 0;
  const zone = m[8]?.toUpperCase();
  let offset = 0;
  if (zone && zone !== "Z") {
    const digits = zone.replace(":", "");
    offset =
      (digits.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  return wall + fraction - offset * 60_000;
}

/** "High", "info", "none" → the stored word (unknown words go on to the schema's message). */
export function severityWord(text: string): string | null {
  const word = text.trim().toLowerCase();
  if (word === "") return null;
  return word === "info" || word === "none" ? "informational" : word;
}

/** "In progress", "false-positive" → the stored word. */
export function statusWord(text: string): string | undefined {
  const word = storedWord(text);
  return word === "" ? undefined : word;
}

/** The assets a row names: a list, or a text separated by “;”. */
export function assetRefs(value: string | string[] | undefined): string[] {
  const list = Array.isArray(value) ? value : (value ?? "").split(";");
  return [...new Set(list.map((ref) => ref.trim()).filter(Boolean))];
}

/** A cell as text (a list joined by “;”). */
export const cellText = (value: string | string[] | undefined) =>
  Array.isArray(value) ? value.join(";") : (value ?? "");

/**
 * The rows of an import file, or the file's problems added to `fileErrors` (bad syntax, a
 * column that does not exist or appears twice, no title column).
 */
export function readImportFile(format: "csv" | "json", content: string, fileErrors: string[]): RawRow[] {
  return format === "csv" ? readCsv(content, fileErrors) : readJson(content, fileErrors);
}
