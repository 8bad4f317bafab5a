-- The one search index (src/kit/search-index.ts). drizzle-kit cannot declare an FTS5 virtual
-- table, so this migration was made with `drizzle-kit generate --custom --name search_index`
-- (which keeps the journal and snapshots consistent) and written by hand. kind, record_id
-- and updated are stored but not tokenised; title and body are searched.
-- Then it indexes the records that exist once (the write path keeps it in step afterwards),
-- with each kind's searchable text as its module declares it (`search` in the module's
-- declaration, e.g. INCIDENT_SEARCH): live records only, soft-deleted ones stay out.
CREATE VIRTUAL TABLE `search_index` USING fts5(kind UNINDEXED, record_id UNINDEXED, title, body, updated UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'incidents', id, coalesce(title, ''), coalesce(description, '') || ' ' || coalesce(category, ''), updated_at
  FROM incidents WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'assets', id, coalesce(name, ''), coalesce(hostname, '') || ' ' || coalesce(ip_addresses, '') || ' ' || coalesce(os, '') || ' ' || coalesce(location, '') || ' ' || coalesce(tags, '') || ' ' || coalesce(description, ''), updated_at
  FROM assets;
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'vulnerabilities', id, coalesce(title, ''), coalesce(cve_id, '') || ' ' || coalesce(description, ''), updated_at
  FROM vulnerabilities WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'documents', id, coalesce(title, ''), coalesce(document_id, '') || ' ' || coalesce(content, '') || ' ' || coalesce(frameworks, ''), updated_at
  FROM documents WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'alerts', id, coalesce(title, ''), coalesce(description, '') || ' ' || coalesce(source, '') || ' ' || coalesce(host, ''), updated_at
  FROM alerts WHERE deleted_at IS NULL;
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'cases', id, coalesce(title, ''), coalesce(description, ''), updated_at
  FROM cases WHERE deleted_at IS NULL;
