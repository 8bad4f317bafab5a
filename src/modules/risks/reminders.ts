import { and, eq, gt, isNull, lte, ne } from "drizzle-orm";
import { type Actor, systemActor } from "../../kit/actor.ts";
import { claimOnce } from "../../kit/claim-once.ts";
import { announceChange, auditChange, type RecordChange } from "../../kit/record-events.ts";
import type { NotificationEvents } from "../notifications/events.ts";
import type { RiskDeps } from "./risk-queries.ts";
import { RISK_CHANGES } from "./risk-service.ts";
import { riskAcceptances, risks } from "./schema.ts";

/** How long before an acceptance ends its owner is told. */
export const EXPIRY_WARNING_MS = 14 * 86_400_000;

/** Warden itself, ending acceptances (the audit trail names it). */
const EXPIRY: Actor = systemActor("risk-acceptance-expiry");

type Reminded = { db: RiskDeps["db"]; bus?: RiskDeps["bus"]; events: NotificationEvents };

/** Tells the owner of `risk` of `reminder`, which falls `at`. */
function tellOwner(
  deps: Reminded,
  reminder: Parameters<NotificationEvents["riskReminder"]>[0],
  risk: { id: string; title: string; ownerId: string },
  at: number,
): void {
  deps.events.riskReminder(reminder, { id: risk.id, title: risk.title, at, link: `/risks/${risk.id}` }, [
    risk.ownerId,
  ]);
}

/**
 * Ends every approved acceptance whose end date has passed: marked `expired` and, when the
 * risk is still treated by accepting it, the risk reopened (`assessed`, no treatment, its
 * version bumped), audited as Warden itself; its owner is told. Each once: the acceptance
 * is claimed in the transaction that ends it.
 */
async function expireAcceptances(deps: Reminded, now: number): Promise<number> {
  const due = await deps.db
    .select({ id: riskAcceptances.id, riskId: riskAcceptances.riskId, expiresAt: riskAcceptances.expiresAt })
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.status, "approved"), lte(riskAcceptances.expiresAt, now)));
  let ended = 0;
  for (const acceptance of due) {
    const done = await deps.db.transaction(async (tx) => {
      const claimed = await tx
        .update(riskAcceptances)
        .set({ status: "expired" })
        .where(and(eq(riskAcceptances.id, acceptance.id), eq(riskAcceptances.status, "approved")))
        .returning({ id: riskAcceptances.id });
      if (claimed.length === 0) return null;
      const [risk] = await tx.select().from(risks).where(eq(risks.id, acceptance.riskId)).limit(1);
      if (!risk) return null;
      const reopen = risk.treatment === "accept" && risk.deletedAt === null;
      const change: RecordChange = {
        actor: EXPIRY,
        id: risk.id,
        action: "risk.acceptance_expire",
        changes: {
          acceptance: { before: "approved", after: "expired" },
          ...(reopen
            ? {
                status: { before: risk.status, after: "assessed" },
                treatment: { before: risk.treatment, after: null },
              }
            : {}),
        },
        event: "risk.updated",
        data: { version: reopen ? risk.version + 1 : risk.version, acceptance: acceptance.id },
      };
      if (reopen)
        await tx
          .update(risks)
          .set({ status: "assessed", treatment: null, version: risk.version + 1, updatedAt: now })
          .where(eq(risks.id, risk.id));
      await auditChange(tx, RISK_CHANGES, change);
      return { change, risk };
    });
    if (!done) continue;
    announceChange(deps.bus, RISK_CHANGES, done.change);
    if (done.risk.deletedAt === null) tellOwner(deps, "acceptance_expired", done.risk, acceptance.expiresAt);
    ended++;
  }
  return ended;
}

/** Tells owners of approved acceptances ending within 14 days, once each (`warned_at`). */
async function warnExpiring(deps: Reminded, now: number): Promise<number> {
  const soon = await deps.db
    .select({ acceptance: riskAcceptances, risk: risks })
    .from(riskAcceptances)
    .innerJoin(risks, eq(risks.id, riskAcceptances.riskId))
    .where(
      and(
        eq(riskAcceptances.status, "approved"),
        isNull(riskAcceptances.warnedAt),
        gt(riskAcceptances.expiresAt, now),
        lte(riskAcceptances.expiresAt, now + EXPIRY_WARNING_MS),
        isNull(risks.deletedAt),
      ),
    );
  let told = 0;
  for (const { acceptance, risk } of soon) {
    if (!(await claimOnce(deps.db, riskAcceptances, acceptance.id, riskAcceptances.warnedAt, now))) continue;
    tellOwner(deps, "acceptance_expiring", risk, acceptance.expiresAt);
    told++;
  }
  return told;
}

/** Tells owners of open risks whose review date has passed, once per review date (`review_notified_at`). */
async function remindReviews(deps: Reminded, now: number): Promise<number> {
  const due = await deps.db
    .select()
    .from(risks)
    .where(
      and(
        isNull(risks.deletedAt),
        ne(risks.status, "closed"),
        isNull(risks.reviewNotifiedAt),
        lte(risks.nextReviewAt, now),
      ),
    );
  let told = 0;
  for (const risk of due) {
    if (
      !(await claimOnce(deps.db, risks, risk.id, risks.reviewNotifiedAt, now)) ||
      risk.nextReviewAt === null
    )
      continue;
    tellOwner(deps, "review_due", risk, risk.nextReviewAt);
    told++;
  }
  return told;
}

/**
 * The risk register's periodic check (run by `serve` with the overdue check's cadence):
 * ends expired acceptances (reopening their risks), warns of acceptances ending within 14
 * days and reminds owners of reviews due — each once, through the notification system.
 * Answers how many it acted on.
 */
export async function runRiskReminders(deps: Reminded, now = Date.now()): Promise<number> {
  return (
    (await expireAcceptances(deps, now)) + (await warnExpiring(deps, now)) + (await remindReviews(deps, now))
  );
}
