import { eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { ssoSessions } from "./sso-schema.ts";

/** Remembers that sign-in session `familyId` began at `providerId`, with the id token that ends it there. */
export async function rememberSsoSession(db: Db, familyId: string, providerId: string, idToken: string) {
  await db.insert(ssoSessions).values({ familyId, providerId, idToken, createdAt: Date.now() });
}

/** The provider session of sign-in session `familyId`, forgotten as it is read (at sign-out); null when none. */
export async function takeSsoSession(db: Db, familyId: string) {
  const [row] = await db
    .delete(ssoSessions)
    .where(eq(ssoSessions.familyId, familyId))
    .returning({ providerId: ssoSessions.providerId, idToken: ssoSessions.idToken });
  return row ?? null;
}

/** Forgets provider sessions older than `maxAgeMs` (their Warden sessions have expired by then). */
export async function pruneSsoSessions(db: Db, maxAgeMs: number): Promise<void> {
  await db.delete(ssoSessions).where(lt(ssoSessions.createdAt, Date.now() - maxAgeMs));
}
