import { and, desc, eq, getTableColumns, gt, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Tx } from "../../db/transaction.ts";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { insertAudited } from "../../kit/audited-writes.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { credentialRevocation } from "../../kit/revocation.ts";
import { hashToken, mintSecret } from "../auth/opaque-tokens.ts";
import { enrolmentTokens } from "./schema.ts";

/** Prefix of every enrolment token. */
export const ENROLMENT_TOKEN_PREFIX = "wen_";

/** Input of a new enrolment token: a name, how many agents may use it, for how long. */
export const newEnrolmentTokenSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(80, "Use at most 80 characters."),
  maxUses: z.number().int().min(1).max(10_000).default(1),
  expiresInHours: z.number().int().min(1).max(8760).default(24),
});

/** An enrolment token as listed: never the secret. */
export const enrolmentTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  maxUses: z.number().int(),
  uses: z.number().int(),
  expiresAt: z.number().int(),
  createdAt: z.number().int(),
  revokedAt: z.number().int().nullable(),
});

/** A listed enrolment token. */
export type EnrolmentTokenView = z.infer<typeof enrolmentTokenSchema>;

const { tokenHash: _hash, createdBy: _by, ...VIEW } = getTableColumns(enrolmentTokens);

/** Every enrolment token, newest first. */
export async function listEnrolmentTokens(db: Db, actor: Actor): Promise<EnrolmentTokenView[]> {
  assertCan(actor, "create", "hosts");
  return db.select(VIEW).from(enrolmentTokens).orderBy(desc(enrolmentTokens.createdAt));
}

/** Creates an enrolment token; the secret is in the answer only, never stored. Audited. */
export async function createEnrolmentToken(
  db: Db,
  actor: Actor,
  input: z.infer<typeof newEnrolmentTokenSchema>,
  request?: RequestFacts,
): Promise<EnrolmentTokenView & { token: string }> {
  assertCan(actor, "create", "hosts");
  const { token, ...secret } = mintSecret(ENROLMENT_TOKEN_PREFIX);
  const now = Date.now();
  const row = {
    id: Bun.randomUUIDv7(),
    name: input.name,
    ...secret,
    maxUses: input.maxUses,
    uses: 0,
    expiresAt: now + input.expiresInHours * 3_600_000,
    createdBy: actor.id,
    createdAt: now,
    revokedAt: null,
  };
  const changes = createdChanges({ name: row.name, maxUses: row.maxUses, expiresAt: row.expiresAt });
  await insertAudited(db, enrolmentTokens, row, {
    actor,
    action: "enrolment_token.create",
    resourceType: "enrolment_token",
    changes,
    request,
  });
  const { tokenHash: _hash, createdBy: _by, ...view } = row;
  return { ...view, token };
}

/** Revokes an enrolment token: no agent enrols with it from now on (enrolled ones stay). Audited. */
export const revokeEnrolmentToken = credentialRevocation({
  resource: "hosts",
  action: "enrolment_token.revoke",
  resourceType: "enrolment_token",
  table: enrolmentTokens,
  missing: "No active enrolment token with this id.",
});

/**
 * Uses `token` once, inside the enrolling transaction: answers its id, or null when it is
 * unknown, revoked, expired or used up (the count only grows while uses remain).
 */
export async function redeemEnrolmentToken(tx: Tx, token: string, now: number): Promise<string | null> {
  const [used] = await tx
    .update(enrolmentTokens)
    .set({ uses: sql`${enrolmentTokens.uses} + 1` })
    .where(
      and(
        eq(enrolmentTokens.tokenHash, hashToken(token)),
        isNull(enrolmentTokens.revokedAt),
        gt(enrolmentTokens.expiresAt, now),
        lt(enrolmentTokens.uses, enrolmentTokens.maxUses),
      ),
    )
    .returning({ id: enrolmentTokens.id });
  return used?.id ?? null;
}
