import { describe, expect, test } from "bun:test";
import { CsvSyntaxError, parseCsv, toCsv } from "../../src/lib/csv.ts";

describe("parseCsv", () => {
  test("plain fields, CRLF, LF and CR line ends, no record after the final line break", () => {
    expect(parseCsv("a,b,c\r\n1,2,3\r\n")).toEqual([
      ["a", "b", "c"],
      ["1", "2", "3"],
    ]);
    expect(parseCsv("a,b\n1,2")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
    expect(parseCsv("a\rb\r")).toEqual([["a"], ["b"]]);
    expect(parseCsv("")).toEqual([]);
  });

  test("quoted fields hold commas, doubled quotes and line breaks of any kind", () => {
    expect(parseCsv('"x, y","say ""hi""","two\r\nlines","lf\nonly"\r\nnext,row')).toEqual([
      ["x, y", 'say "hi"', "two\r\nlines", "lf\nonly"],
      ["next", "row"],
    ]);
    expect(parseCsv('"",""\n')).toEqual([["", ""]]);
  });

  test("empty fields, trailing commas and empty lines keep their places (rows as a spreadsheet counts them)", () => {
    expect(parseCsv("a,,c\n,\n\nz,")).toEqual([["a", "", "c"], ["", ""], [""], ["z", ""]]);
    expect(parseCsv('"q",')).toEqual([["q", ""]]);
  });

  test("a byte-order mark is dropped; a quote inside an unquoted field is a character", () => {
    expect(parseCsv('\uFEFFname,size\ndisk,5" platter')).toEqual([
      ["name", "size"],
      ["disk", '5" platter'],
    ]);
  });

  test("an unclosed quote or text after a closing quote is an error naming the row", () => {
    const unclosed = () => parseCsv('a,b\n1,"never closed\n2,3');
    expect(unclosed).toThrow(CsvSyntaxError);
    expect(unclosed).toThrow("Row 2: a quoted field is never closed.");
    try {
      parseCsv('a\n"x"y,z');
      throw new Error("no error");
    } catch (error) {
      expect(error).toBeInstanceOf(CsvSyntaxError);
      expect((error as CsvSyntaxError).row).toBe(2);
      expect((error as CsvSyntaxError).message).toContain("text follows the closing quote");
    }
  });

  test("reads back what toCsv writes", () => {
    const rows = [
      { a: "plain", b: 'with "quotes", commas\r\nand lines' },
      { a: "", b: "ü ✓" },
    ];
    const text = toCsv(
      [
        { header: "a", value: (r: (typeof rows)[number]) => r.a },
        { header: "b", value: (r: (typeof rows)[number]) => r.b },
      ],
      rows,
    );
    expect(parseCsv(text)).toEqual([["a", "b"], ...rows.map((r) => [r.a, r.b])]);
  });
});
