import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userRowColumns } from "../../kit/table-columns.ts";

/**
 * Opaque refresh tokens, stored as SHA-256 hashes. Each is single-use: using one marks
 * it used and issues the next in the same family. Presenting a used one again means it
 * leaked, so the whole family is revoked.
 */
export const refreshTokens = sqliteTable(
  "refresh_tokens",
  {
    ...userRowColumns(),
    familyId: text("family_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
    revokedAt: integer("revoked_at"),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [
    uniqueIndex("refresh_tokens_hash_idx").on(t.tokenHash),
    index("refresh_tokens_family_idx").on(t.familyId),
    index("refresh_tokens_user_idx").on(t.userId),
  ],
);
