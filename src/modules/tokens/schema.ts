import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userRowColumns } from "../../kit/table-columns.ts";

/**
 * Personal API tokens (`wdn_…`). Only a SHA-256 hash is stored; `prefix` (the first
 * characters) lets the owner tell tokens apart. A token acts with its owner's role.
 */
export const apiTokens = sqliteTable(
  "api_tokens",
  {
    ...userRowColumns(),
    name: text("name").notNull(),
    prefix: text("prefix").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at"),
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_tokens_hash_idx").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);
