-- The words the one search index holds (src/kit/search-index.ts, `searchTerms`): an fts5vocab
-- view of `search_index`, one row per distinct token, read in token order. It stores nothing
-- (FTS5 reads the index's own term b-tree), so it needs no backfill and no upkeep. The search
-- asks it whether a query word is also the start of a longer word: when it is not, the word
-- is matched as a whole word, the same hits without FTS5 merging every word that starts with
-- it (src/kit/search.ts, `matchOf`). Made with `drizzle-kit generate --custom` and written by
-- hand, like 0015_search_index.sql.
CREATE VIRTUAL TABLE `search_terms` USING fts5vocab(`search_index`, 'row');
