-- The organisation's threats join the one search index (THREAT_SEARCH in
-- src/modules/threats/threat-service.ts): made with `drizzle-kit generate --custom` and
-- written by hand, like 0015_search_index.sql. It indexes the live threats that exist once;
-- the write path keeps the index in step afterwards.
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'threats', id, coalesce(name, ''), coalesce(description, '') || ' ' || coalesce(category, ''), updated_at
  FROM threats WHERE deleted_at IS NULL;
