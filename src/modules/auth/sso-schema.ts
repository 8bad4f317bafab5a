import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { userRef } from "../../kit/table-columns.ts";

/**
 * A Warden user's identity at an OpenID Connect provider: the provider's issuer and subject
 * (`sub`, stable per provider) name the person; the e-mail is what the provider said last.
 */
export const userIdentities = sqliteTable(
  "user_identities",
  {
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    userId: userRef(),
    providerId: text("provider_id").notNull(),
    email: text("email"),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] }), index("user_identities_user_idx").on(t.userId)],
);

/**
 * Sign-in sessions (refresh-token families) that began at a provider: what signing out needs
 * to end the provider's session too (its id token as the end-session hint).
 */
export const ssoSessions = sqliteTable("sso_sessions", {
  familyId: text("family_id").primaryKey(),
  providerId: text("provider_id").notNull(),
  idToken: text("id_token").notNull(),
  createdAt: integer("created_at").notNull(),
});
