import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { userRowColumns } from "../../kit/table-columns.ts";

/**
 * WebAuthn credentials (passkeys): a user may hold several, each named. The public key is
 * stored base64url-encoded (COSE); `counter` is the authenticator's signature counter,
 * which must grow on every use unless the authenticator keeps none (0).
 */
export const passkeys = sqliteTable(
  "passkeys",
  {
    ...userRowColumns(),
    credentialId: text("credential_id").notNull(),
    publicKey: text("public_key").notNull(),
    counter: integer("counter").notNull(),
    transports: text("transports", { mode: "json" }).$type<string[]>().notNull(),
    deviceType: text("device_type").notNull(),
    backedUp: integer("backed_up", { mode: "boolean" }).notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
    lastUsedAt: integer("last_used_at"),
  },
  (t) => [uniqueIndex("passkeys_credential_idx").on(t.credentialId), index("passkeys_user_idx").on(t.userId)],
);

/** A passkey row. */
export type Passkey = typeof passkeys.$inferSelect;
