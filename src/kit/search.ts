import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client.ts";
import { Validation } from "../lib/errors.ts";
import type { Actor } from "./actor.ts";
import { can } from "./rbac.ts";
import { searchEntries } from "./search-entries.ts";
import { type SearchSource, searchIndex, searchTerms } from "./search-index.ts";

/** The most hits one search answers. */
export const MAX_SEARCH_HITS = 50;

/** Words of a query: letters, digits and `_` runs (everything else separates them); at most this many count. */
const MAX_WORDS = 12;

/** The query of a search: the words, the kinds to look in (all readable ones when empty) and how many hits. */
export const searchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .describe("Words to find; each matches as a word prefix, all must match"),
  kinds: z
    .string()
    .regex(/^[a-z_]+(,[a-z_]+)*$/, "Comma-separated kinds, e.g. incidents,assets.")
    .optional()
    .describe("Only these kinds (comma-separated); kinds the caller may not read are left out"),
  limit: z.coerce.number().int().min(1).max(MAX_SEARCH_HITS).default(20),
});

/** One hit: its kind and id, its title and a snippet (up to a dozen words of the text around the words), both highlighted, and its page. */
export const searchHitSchema = z.object({
  kind: z.string().describe("The record kind, e.g. incidents"),
  id: z.string(),
  title: z.string().describe("HTML-escaped, the matched words in <mark>"),
  snippet: z.string().describe("Words around a match in the text, HTML-escaped, matches in <mark>"),
  updatedAt: z.number().int().describe("Unix time in ms"),
  href: z.string().describe("The record's page"),
});

/** One hit as `searchHitSchema` describes it. */
export type SearchHit = z.infer<typeof searchHitSchema>;

/** The words of `q` a search looks for: runs of letters, digits and `_`, at most MAX_WORDS. */
export function wordsOf(q: string): string[] {
  return (q.match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, MAX_WORDS);
}

/**
 * The FTS5 query for what a user typed: each word as a quoted prefix term (`"word"*`), all
 * required; a word in `whole` (lower case) as a whole word (`"word"`) instead. Only letters,
 * digits and `_` reach FTS5, so its syntax (`"`, `*`, `NEAR(`, `AND`, column filters) in the
 * input is just text; a query without any word is a 422.
 */
export function ftsQueryOf(q: string, whole: ReadonlySet<string> = new Set()): string {
  const words = wordsOf(q);
  if (words.length === 0) throw new Validation({ q: "Give at least one word (letters or digits)." });
  return words.map((word) => (whole.has(word.toLowerCase()) ? `"${word}"` : `"${word}"*`)).join(" ");
}

/** Words whose token is just their lower case (unicode61 folds nothing else in them): ASCII letters and digits. */
const PLAIN_WORD = /^[A-Za-z0-9]+$/;

/** The last code point: a word followed by it sorts after every longer word that starts with it. */
const LAST = "\u{10FFFF}";

/**
 * The FTS5 query for `q` as {@link ftsQueryOf} makes it, but a word that no longer word in
 * the index starts with is looked for as a whole word: the same rows and BM25 scores, without
 * FTS5 collecting and merging the postings of every word with that prefix (it does so twice,
 * to match and for BM25's document counts). One look-up in `search_terms` for all words of
 * ASCII letters and digits; other words stay prefixes. A word written between this look-up
 * and the search may be missed as a prefix, as if the search had run just before it.
 */
export async function matchOf(db: Db, q: string): Promise<string> {
  const words = [
    ...new Set(
      wordsOf(q)
        .filter((word) => PLAIN_WORD.test(word))
        .map((word) => word.toLowerCase()),
    ),
  ];
  if (words.length === 0) return ftsQueryOf(q);
  const longer = words.map(
    (word) =>
      sql`(select 1 from ${searchTerms} where ${searchTerms.term} >= ${`${word}\u0001`} and ${searchTerms.term} <= ${`${word}${LAST}`} limit 1)`,
  );
  const [found] = await db.values<(number | null)[]>(sql`select ${sql.join(longer, sql`, `)}`);
  return ftsQueryOf(q, new Set(words.filter((_, i) => found?.[i] == null)));
}

// Private-use characters mark the matches in what FTS5 returns, then become <mark> after escaping.
const OPEN = "\u{F0001}";
const CLOSE = "\u{F0002}";

/** `text` with HTML escaped and the FTS5 match markers turned into `<mark>` elements. */
function marked(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
    .replaceAll(OPEN, "<mark>")
    .replaceAll(CLOSE, "</mark>");
}

/**
 * Searches the index for `query` in the kinds of `sources` that `actor` may read (and that
 * `query.kinds` names, when it does), best match first (BM25, titles weighing more).
 * `sources` are every kind the index holds (the app passes all modules' declarations): when
 * all of them may be read, hits are not checked one by one for their kind. Answers the kinds
 * looked in, and the hits.
 */
export async function searchRecords(
  db: Db,
  sources: readonly SearchSource[],
  actor: Actor,
  query: z.infer<typeof searchQuerySchema>,
): Promise<{ kinds: string[]; hits: SearchHit[] }> {
  const asked = query.kinds?.split(",");
  const known = new Set(sources.map((s) => s.kind));
  const unknown = asked?.filter((kind) => !known.has(kind as SearchSource["kind"]));
  if (unknown?.length) throw new Validation({ kinds: `Unknown kind: ${unknown.join(", ")}.` });
  const readable = sources.filter((s) => can(actor, "read", s.kind) && (!asked || asked.includes(s.kind)));
  const match = await matchOf(db, query.q);
  if (readable.length === 0) return { kinds: [], hits: [] };
  // Some kinds left out: each hit's kind is read from its entry (a primary-key look-up), not
  // from the index's stored row, which costs as much as ranking the hits.
  const narrowed = readable.length < sources.length;
  const hits = db
    .select({
      kind: searchIndex.kind,
      id: searchIndex.recordId,
      title: sql<string>`highlight(search_index, 2, ${OPEN}, ${CLOSE})`,
      snippet: sql<string>`snippet(search_index, 3, ${OPEN}, ${CLOSE}, '…', 12)`,
      updatedAt: searchIndex.updated,
    })
    .from(searchIndex);
  const rows = await (narrowed
    ? hits.innerJoin(searchEntries, eq(searchEntries.id, searchIndex.rowid))
    : hits
  )
    .where(
      and(
        sql`search_index match ${match}`,
        narrowed
          ? inArray(
              searchEntries.kind,
              readable.map((s) => s.kind),
            )
          : undefined,
      ),
    )
    .orderBy(sql`bm25(search_index, 0.0, 0.0, 10.0, 1.0, 0.0)`)
    .limit(query.limit);
  const hrefs = new Map(readable.map((s) => [s.kind as string, s.href]));
  return {
    kinds: readable.map((s) => s.kind),
    hits: rows.map((row) => ({
      ...row,
      title: marked(row.title),
      snippet: marked(row.snippet),
      href: `${hrefs.get(row.kind) ?? "/"}${row.id}`,
    })),
  };
}
