import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import { countRows } from "../../kit/count-rows.ts";
import { mfaRecoveryCodes } from "./mfa-schema.ts";
import { hashToken } from "./opaque-tokens.ts";

/** How many recovery codes a user gets at once. */
const RECOVERY_CODE_COUNT = 10;

/** Letters and digits that cannot be mistaken for each other (no 0/o, 1/l/i). */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

/** A recovery code as typed, normalised: lower case, no spaces or dashes. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, "");
}

/** One new code, `xxxxx-xxxxx` (about 50 bits). */
function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(10));
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/**
 * Replaces every recovery code of `userId` by {@link RECOVERY_CODE_COUNT} new ones, inside
 * the caller's transaction. Only their hashes are stored: the codes are returned to be shown once.
 */
export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  await dropRecoveryCodes(tx, userId);
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  const now = Date.now();
  await tx.insert(mfaRecoveryCodes).values(
    codes.map((code) => ({
      id: Bun.randomUUIDv7(),
      userId,
      codeHash: hashToken(normaliseRecoveryCode(code)),
      createdAt: now,
    })),
  );
  return codes;
}

/** Deletes every recovery code of `userId`, inside the caller's transaction. */
export async function dropRecoveryCodes(tx: Tx, userId: string): Promise<void> {
  await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
}

/** Marks an unused recovery code of `userId` used; true when `code` was one (each works once). */
export async function spendRecoveryCode(tx: Tx, userId: string, code: string): Promise<boolean> {
  const spent = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: Date.now() })
    .where(
      and(
        eq(mfaRecoveryCodes.userId, userId),
        eq(mfaRecoveryCodes.codeHash, hashToken(normaliseRecoveryCode(code))),
        isNull(mfaRecoveryCodes.usedAt),
      ),
    )
    .returning({ id: mfaRecoveryCodes.id });
  return spent.length > 0;
}

/** How many unused recovery codes `userId` has left. */
export async function recoveryCodesLeft(db: Db, userId: string): Promise<number> {
  return countRows(
    db,
    mfaRecoveryCodes,
    and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)),
  );
}
