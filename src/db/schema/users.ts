import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** The roles of Warden, most to least powerful. */
export const ROLES = ["admin", "manager", "analyst", "viewer"] as const;

/** A role name. */
export type Role = (typeof ROLES)[number];

/**
 * People who sign in. Email is stored lower-cased (unique, case-insensitive); usernames
 * are lower-case by rule. `token_version` is bumped on every change that must end the
 * user's sessions at once (deactivation, role change, password reset).
 */
export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    email: text("email").notNull(),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    isActive: integer("is_active", { mode: "boolean" }).notNull().default(true),
    tokenVersion: integer("token_version").notNull().default(0),
    locale: text("locale"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    lastLoginAt: integer("last_login_at"),
  },
  (t) => [
    uniqueIndex("users_email_idx").on(t.email),
    uniqueIndex("users_username_idx").on(t.username),
    index("users_role_idx").on(t.role, t.isActive),
  ],
);

/** A user row. */
export type User = typeof users.$inferSelect;
