import { and, eq, inArray } from "drizzle-orm";
import { activeUsersAllowed } from "../../kit/active-user.ts";
import type { Actor } from "../../kit/actor.ts";
import type { Changes, RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { createdChanges } from "../../kit/record-changes.ts";
import { commitChange } from "../../kit/record-events.ts";
import { findRow } from "../../kit/record-lookup.ts";
import { staleVersion, writeIfCurrent } from "../../kit/record-versioning.ts";
import { Conflict, Forbidden } from "../../lib/errors.ts";
import type { AcceptanceRequest } from "./risk-input.ts";
import { findRiskView, type RiskDeps, type RiskView } from "./risk-queries.ts";
import { RISK_CHANGES } from "./risk-service.ts";
import { type RiskAcceptance, riskAcceptances, risks } from "./schema.ts";

/*
 * Accepting a risk is a manager's decision: an analyst (or anyone who edits risks) asks,
 * with a reason and an end date; a manager or admin (`approve` on risks) approves or
 * rejects. Nobody approves their own request (four eyes, admins included); the requester
 * may withdraw it by rejecting it. An approval sets the treatment to `accept` and the risk
 * to `monitored` until the acceptance expires (see reminders.ts).
 */

/** The pending or approved acceptance of a risk, if any. */
async function acceptanceInForce(deps: RiskDeps, riskId: string): Promise<RiskAcceptance | null> {
  const [row] = await deps.db
    .select()
    .from(riskAcceptances)
    .where(and(eq(riskAcceptances.riskId, riskId), inArray(riskAcceptances.status, ["pending", "approved"])))
    .limit(1);
  return row ?? null;
}

/** Asks to accept risk `id` (analysts and up): 409 while it is closed or has an acceptance pending or in force. */
export async function requestAcceptance(
  deps: RiskDeps,
  actor: Actor,
  id: string,
  input: AcceptanceRequest,
  request?: RequestFacts,
): Promise<RiskView> {
  assertCan(actor, "update", "risks");
  const risk = await findRow(deps.db, risks, "risk", id);
  if (risk.status === "closed") throw new Conflict("The risk is closed: reopen it before accepting it.");
  const current = await acceptanceInForce(deps, id);
  if (current)
    throw new Conflict(
      current.status === "pending"
        ? "An acceptance of this risk is waiting for a decision already."
        : "The risk is accepted already; a new request can follow once that acceptance ends.",
    );
  const acceptanceId = Bun.randomUUIDv7();
  const change = {
    actor,
    request,
    id,
    action: "risk.acceptance_request",
    changes: createdChanges({ acceptance: "pending", reason: input.reason, expiresAt: input.expiresAt }),
    event: "risk.updated",
    data: { version: risk.version, acceptance: acceptanceId },
  };
  await commitChange(deps, RISK_CHANGES, change, async (tx) => {
    await tx.insert(riskAcceptances).values({
      id: acceptanceId,
      riskId: id,
      reason: input.reason,
      expiresAt: input.expiresAt,
      requestedBy: actor.id,
      requestedAt: Date.now(),
    });
  });
  const approvers = await activeUsersAllowed(deps.db, "approve", "risks");
  deps.events?.riskReminder(
    "acceptance_requested",
    { id, title: risk.title, at: input.expiresAt, link: `/risks/${id}` },
    approvers.filter((userId) => userId !== actor.id),
  );
  return findRiskView(deps, id);
}

/**
 * How the pending acceptance of a risk is decided (`status`), if it is still pending (409
 * when someone decided first; 403 for an approval of one's own request); an approval
 * (managers and admins) also sets the treatment to `accept` and the risk to `monitored` at
 * its next version. Audited.
 */
function decision(status: "approved" | "rejected") {
  const approving = status === "approved";
  return async (
    deps: RiskDeps,
    actor: Actor,
    id: string,
    input: { note: string },
    request?: RequestFacts,
  ): Promise<RiskView> => {
    if (approving) assertCan(actor, "approve", "risks");
    const { note } = input;
    const risk = await findRow(deps.db, risks, "risk", id);
    const pending = await acceptanceInForce(deps, id);
    if (pending?.status !== "pending")
      throw new Conflict("No acceptance of this risk is waiting for a decision.");
    // The requester may withdraw their own request (reject it), never approve it.
    const own = actor.id !== null && pending.requestedBy === actor.id;
    if (own && approving)
      throw new Forbidden("You asked for this acceptance: another manager or admin must approve it.");
    if (!own) assertCan(actor, "approve", "risks");
    if (approving && pending.expiresAt <= Date.now())
      throw new Conflict(
        "This acceptance would have ended already: reject it and ask again with a later date.",
      );
    const accepted: Changes = approving
      ? {
          treatment: { before: risk.treatment, after: "accept" },
          status: { before: risk.status, after: "monitored" },
        }
      : {};
    const change = {
      actor,
      request,
      id,
      action: approving ? "risk.acceptance_approve" : "risk.acceptance_reject",
      changes: {
        acceptance: { before: "pending", after: status },
        ...accepted,
        ...(note ? { note: { before: null, after: note } } : {}),
      },
      event: "risk.updated",
      data: { version: approving ? risk.version + 1 : risk.version, acceptance: pending.id },
    };
    await commitChange(deps, RISK_CHANGES, change, async (tx) => {
      const decided = await tx
        .update(riskAcceptances)
        .set({ status, decidedBy: actor.id, decidedAt: Date.now(), decisionNote: note })
        .where(and(eq(riskAcceptances.id, pending.id), eq(riskAcceptances.status, "pending")))
        .returning({ id: riskAcceptances.id });
      if (decided.length === 0) throw new Conflict("Someone decided on this acceptance meanwhile.");
      const set = { treatment: "accept" as const, status: "monitored" as const };
      if (approving && !(await writeIfCurrent(tx, risks, { id, version: risk.version }, set)))
        throw staleVersion("risk", (await findRow(tx, risks, "risk", id)).version, risk.version);
    });
    return findRiskView(deps, id);
  };
}

/**
 * Approves the pending acceptance of risk `id` (managers and admins, never the requester):
 * the risk's treatment becomes `accept` and it is monitored until the acceptance expires. Audited.
 */
export const approveAcceptance = decision("approved");

/** Rejects the pending acceptance of risk `id` (managers and admins; the requester withdraws it so). Audited. */
export const rejectAcceptance = decision("rejected");
