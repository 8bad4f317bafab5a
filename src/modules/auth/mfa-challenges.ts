import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { type AuthChallenge, authChallenges, type ChallengePurpose } from "./mfa-schema.ts";
import { hashToken, newOpaqueToken } from "./opaque-tokens.ts";

/** How long a half-finished sign-in or a WebAuthn ceremony may take. */
export const CHALLENGE_TTL_MS = 5 * 60_000;

/** Wrong codes one half-finished sign-in takes before it is dropped (the password is asked again). */
const MAX_CODE_ATTEMPTS = 5;

/** What a new challenge is for and about (`next` is `/` unless given). */
export type NewChallenge = Pick<
  typeof authChallenges.$inferInsert,
  "purpose" | "userId" | "login" | "next" | "challenge"
>;

/**
 * Opens a challenge and answers the token the browser keeps for it (only its hash is
 * stored). Expired challenges are swept on the way.
 */
export async function openChallenge(db: Db, input: NewChallenge): Promise<string> {
  const token = newOpaqueToken();
  const now = Date.now();
  await db.transaction(async (tx) => {
    await tx.delete(authChallenges).where(lte(authChallenges.expiresAt, now));
    await tx.insert(authChallenges).values({
      id: Bun.randomUUIDv7(),
      tokenHash: hashToken(token),
      ...input,
      createdAt: now,
      expiresAt: now + CHALLENGE_TTL_MS,
    });
  });
  return token;
}

/** The unexpired challenge a browser's token names, when it is for one of `purposes`. */
export async function findChallenge(
  db: Db,
  token: string | undefined,
  purposes: readonly ChallengePurpose[],
): Promise<AuthChallenge | null> {
  if (!token) return null;
  const [row] = await db
    .select()
    .from(authChallenges)
    .where(
      and(
        eq(authChallenges.tokenHash, hashToken(token)),
        inArray(authChallenges.purpose, [...purposes]),
        gt(authChallenges.expiresAt, Date.now()),
      ),
    );
  return row ?? null;
}

/** Stores the WebAuthn challenge of the ceremony `id` is starting. */
export async function setCeremonyChallenge(db: Db, id: string, challenge: string): Promise<void> {
  await db.transaction((tx) => tx.update(authChallenges).set({ challenge }).where(eq(authChallenges.id, id)));
}

/**
 * Counts a wrong code against challenge `id`; after {@link MAX_CODE_ATTEMPTS} the challenge
 * is dropped. True while it may still be tried.
 */
export async function countWrongCode(db: Db, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(authChallenges)
      .set({ attempts: sql`${authChallenges.attempts} + 1` })
      .where(eq(authChallenges.id, id))
      .returning({ attempts: authChallenges.attempts });
    if (row && row.attempts < MAX_CODE_ATTEMPTS) return true;
    await tx.delete(authChallenges).where(eq(authChallenges.id, id));
    return false;
  });
}

/** Ends challenge `id` (it was used, or given up). */
export async function closeChallenge(db: Db, id: string): Promise<void> {
  await db.transaction((tx) => tx.delete(authChallenges).where(eq(authChallenges.id, id)));
}

/** The login name a half-finished sign-in started with (so wrong codes count against that account's limit). */
export async function challengeLogin(db: Db, token: string | undefined): Promise<string> {
  return (await findChallenge(db, token, ["second-factor", "enrol"]))?.login ?? "";
}
