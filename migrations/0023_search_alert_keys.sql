-- SOC alerts' dedup keys join their search text (ALERT_SEARCH in src/modules/soc/alerts.ts),
-- so a list's `q`, which reads the search index, finds an alert by its key as it did when it
-- read the columns: made with `drizzle-kit generate --custom` and written by hand, like
-- 0015_search_index.sql. It re-indexes the live alerts once; the write path keeps them in step.
DELETE FROM `search_index` WHERE kind = 'alerts';
--> statement-breakpoint
INSERT INTO `search_index` (kind, record_id, title, body, updated)
  SELECT 'alerts', id, coalesce(title, ''), coalesce(description, '') || ' ' || coalesce(source, '') || ' ' || coalesce(host, '') || ' ' || coalesce(dedup_key, ''), updated_at
  FROM alerts WHERE deleted_at IS NULL;
