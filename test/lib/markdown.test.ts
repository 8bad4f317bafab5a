import { describe, expect, test } from "bun:test";
import { MARKDOWN_MAX_LENGTH, renderMarkdown } from "../../src/lib/markdown.ts";

const REL = 'rel="noopener noreferrer nofollow"';

/** Asserts `html` holds nothing a browser would run or follow: no script, handler or bad URL. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<a\s/i);
  expect(html).not.toMatch(/<img\s/i);
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  expect(html).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data|vbscript|file):/i);
}

describe("renderMarkdown: hostile input stays inert", () => {
  test("raw HTML is escaped text", () => {
    const script = renderMarkdown("<script>alert(1)</script>");
    expect(script).toBe("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    expectInert(script);

    const img = renderMarkdown("<img src=x onerror=alert(1)>");
    expect(img).toBe("<p>&lt;img src=x onerror=alert(1)&gt;</p>\n");
    expectInert(img);

    const anchor = renderMarkdown('<a href="javascript:alert(1)">x</a>');
    expect(anchor).toBe("<p>&lt;a href=&quot;javascript:alert(1)&quot;&gt;x&lt;/a&gt;</p>\n");
    expectInert(anchor);
  });

  test.each([
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x](&#106;avascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[x](vbscript:msgbox(1))",
    "[x](file:///etc/passwd)",
    "[x](ftp://example.com/file)",
    "[x](tel:+15551234)",
    "![x](javascript:alert(1))",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    "<javascript:alert(1)>",
    "<ftp://example.com/file>",
    "[ref]\n\n[ref]: javascript:alert(1)",
  ])("%p is no link", (source) => {
    const html = renderMarkdown(source);
    expectInert(html);
    // The Markdown stays readable as text.
    expect(html).toMatch(/^<p>/);
  });

  test("an image with a mailto: source shows only its alt text", () => {
    expect(renderMarkdown("![the *logo*](mailto:a@example.com)")).toBe("<p>the logo</p>\n");
  });
});

describe("renderMarkdown: ordinary Markdown", () => {
  test("headings, lists, emphasis", () => {
    expect(renderMarkdown("# Title\n\n## Sub")).toBe("<h1>Title</h1>\n<h2>Sub</h2>\n");
    expect(renderMarkdown("- a\n- **b**\n\n1. one\n2. two")).toBe(
      "<ul>\n<li>a</li>\n<li><strong>b</strong></li>\n</ul>\n<ol>\n<li>one</li>\n<li>two</li>\n</ol>\n",
    );
  });

  test("code blocks and code spans escape their content", () => {
    expect(renderMarkdown("```html\n<script>alert(1)</script>\n```")).toBe(
      '<pre><code class="language-html">&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>\n',
    );
    expect(renderMarkdown("    <b>x</b>")).toBe("<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n");
    expect(renderMarkdown("`<i>`")).toBe("<p><code>&lt;i&gt;</code></p>\n");
  });

  test("tables", () => {
    expect(renderMarkdown("| a | b |\n|---|--:|\n| 1 | 2 |")).toBe(
      "<table>\n<thead>\n<tr>\n<th>a</th>\n" +
        '<th style="text-align:right">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n' +
        '<td style="text-align:right">2</td>\n</tr>\n</tbody>\n</table>\n',
    );
  });

  test("bare URLs and e-mail addresses are linked with rel, in the same tab", () => {
    const html = renderMarkdown("see https://example.com/a?b=1 or ops@example.com");
    expect(html).toBe(
      `<p>see <a href="https://example.com/a?b=1" ${REL}>https://example.com/a?b=1</a>` +
        ` or <a href="mailto:ops@example.com" ${REL}>ops@example.com</a></p>\n`,
    );
    expect(html).not.toContain("target=");
  });

  test("written links: http(s), mailto, relative and fragment", () => {
    expect(renderMarkdown("[a](https://example.com) [b](HTTP://example.com)")).toBe(
      `<p><a href="https://example.com" ${REL}>a</a> <a href="HTTP://example.com" ${REL}>b</a></p>\n`,
    );
    expect(renderMarkdown("[mail](mailto:ops@example.com)")).toBe(
      `<p><a href="mailto:ops@example.com" ${REL}>mail</a></p>\n`,
    );
    expect(renderMarkdown("[rel](/processes?sort=cpu) [frag](#top) [here](notes/a.md)")).toBe(
      `<p><a href="/processes?sort=cpu" ${REL}>rel</a> <a href="#top" ${REL}>frag</a>` +
        ` <a href="notes/a.md" ${REL}>here</a></p>\n`,
    );
    expect(renderMarkdown("<https://example.com>")).toBe(
      `<p><a href="https://example.com" ${REL}>https://example.com</a></p>\n`,
    );
  });

  test("images: http(s) and relative sources, loaded lazily", () => {
    expect(renderMarkdown('![chart](https://example.com/c.png "CPU")')).toBe(
      '<p><img src="https://example.com/c.png" alt="chart" title="CPU" loading="lazy"></p>\n',
    );
    expect(renderMarkdown("![chart](/static/c.png)")).toBe(
      '<p><img src="/static/c.png" alt="chart" loading="lazy"></p>\n',
    );
  });

  test("raw newlines stay soft breaks; quotes and dashes stay as typed", () => {
    expect(renderMarkdown('a\nb "c" -- d')).toBe("<p>a\nb &quot;c&quot; -- d</p>\n");
  });

  test("input beyond the cap is dropped", () => {
    const html = renderMarkdown(`${"a".repeat(MARKDOWN_MAX_LENGTH)}TAIL`);
    expect(html).toBe(`<p>${"a".repeat(MARKDOWN_MAX_LENGTH)}</p>\n`);
  });
});
