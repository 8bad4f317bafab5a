import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "../../db/schema/users.ts";
import { userRowColumns } from "../../kit/table-columns.ts";

/**
 * A user's authenticator app (TOTP, RFC 6238). The secret is encrypted at rest
 * (mfa-crypto.ts). `pendingSecret` holds a secret being enrolled until a first code
 * confirms it; `lastStep` is the time step of the last accepted code, so a code is
 * never accepted twice (replay within its window).
 */
export const userMfa = sqliteTable("user_mfa", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  totpSecret: text("totp_secret"),
  totpEnabledAt: integer("totp_enabled_at"),
  lastStep: integer("last_step"),
  pendingSecret: text("pending_secret"),
  pendingAt: integer("pending_at"),
  updatedAt: integer("updated_at").notNull(),
});

/** One-time recovery codes, stored as SHA-256 hashes; a used code keeps its row with `usedAt`. */
export const mfaRecoveryCodes = sqliteTable(
  "mfa_recovery_codes",
  {
    ...userRowColumns(),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId)],
);

/** Why a sign-in challenge exists. */
export const CHALLENGE_PURPOSES = ["second-factor", "enrol", "passkey-sign-in", "passkey-register"] as const;

/** The purpose of a sign-in challenge. */
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

/**
 * Half-finished sign-ins and WebAuthn ceremonies: short-lived, never a session. A browser
 * holds the token (its hash is stored) in a cookie; `attempts` counts wrong codes.
 */
export const authChallenges = sqliteTable(
  "auth_challenges",
  {
    id: text("id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    purpose: text("purpose", { enum: CHALLENGE_PURPOSES }).notNull(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** The login name typed at the password step: wrong codes count against it too. */
    login: text("login"),
    /** The WebAuthn challenge of a ceremony under way (base64url). */
    challenge: text("challenge"),
    next: text("next").notNull().default("/"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [
    uniqueIndex("auth_challenges_token_idx").on(t.tokenHash),
    index("auth_challenges_expires_idx").on(t.expiresAt),
  ],
);

/** A sign-in challenge row. */
export type AuthChallenge = typeof authChallenges.$inferSelect;
