/** A column of a CSV export: its header and how to read a row's cell. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined;
}

/**
 * One cell: quoted when it holds a comma, quote or line break; a text starting with
 * `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` so a spreadsheet shows it
 * instead of running it as a formula (CSV injection).
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV (CRLF line ends) of `rows`, with a header line. */
export function toCsv<T>(columns: CsvColumn<T>[], rows: T[]): string {
  const lines = [columns.map((c) => csvCell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

/** A CSV text that cannot be read: what is wrong and on which row (1 = the first line). */
export class CsvSyntaxError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/**
 * Reads RFC 4180 CSV: fields separated by commas, records by CRLF (a lone LF or CR is
 * accepted too), fields in double quotes may hold commas, line breaks and doubled quotes
 * (`""`). A quote inside an unquoted field is kept as a character. A leading byte-order
 * mark is dropped, and a line break at the very end does not start another record.
 * Every record is returned, an empty line as `[""]`, so the index of a record + 1 is the
 * row a spreadsheet shows.
 *
 * @throws CsvSyntaxError for a quoted field that is never closed, or text after the closing
 *   quote of a field.
 */
export function parseCsv(text: string): string[][] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const endRecord = () => {
    records.push(record);
    record = [];
  };
  const lineBreakAt = (at: number) => (source[at] === "\r" && source[at + 1] === "\n" ? 2 : 1);
  while (i < source.length) {
    if (source[i] === '"') {
      const row = records.length + 1;
      let value = "";
      i++;
      for (;;) {
        const quote = source.indexOf('"', i);
        if (quote < 0) throw new CsvSyntaxError(row, `Row ${row}: a quoted field is never closed.`);
        value += source.slice(i, quote);
        if (source[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      record.push(value);
      if (i < source.length && !",\r\n".includes(source[i] as string))
        throw new CsvSyntaxError(
          row,
          `Row ${row}: text follows the closing quote of a field; double a quote inside a quoted field ("").`,
        );
    } else {
      let end = i;
      while (end < source.length && source[end] !== "," && source[end] !== "\r" && source[end] !== "\n")
        end++;
      record.push(source.slice(i, end));
      i = end;
    }
    if (source[i] === ",") {
      i++;
      if (i === source.length) record.push("");
    } else if (i < source.length) {
      i += lineBreakAt(i);
      endRecord();
    }
  }
  if (record.length > 0) endRecord();
  return records;
}
