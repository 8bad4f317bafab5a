import { eq } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { users } from "../db/schema/users.ts";
import { Validation } from "../lib/errors.ts";

/**
 * Refuses (422 on `field`) a user id that names no active user: a record is assigned to
 * or owned by people who can still sign in. No id (nobody) is fine.
 */
export async function assertActiveUser(
  db: Pick<Db, "select">,
  userId: string | null | undefined,
  field: string,
): Promise<void> {
  if (!userId) return;
  const [user] = await db
    .select({ isActive: users.isActive })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user?.isActive) throw new Validation({ [field]: "Choose an active user." });
}
