import { eq, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Actor } from "../../kit/actor.ts";
import type { RequestFacts } from "../../kit/audit.ts";
import { assertCan } from "../../kit/rbac.ts";
import { announceChange, auditChange, createdChange } from "../../kit/record-events.ts";
import { Validation } from "../../lib/errors.ts";
import { fieldErrors } from "../../lib/validation.ts";
import { resolveTechniques } from "../threats/catalog.ts";
import { addTechniqueLinks } from "../threats/technique-links.ts";
import type { AlertEvents } from "./alert-events.ts";
import { CONTEXT_MAX_CHARS, raiseInputSchema } from "./alert-input.ts";
import type { AlertDeps } from "./alert-queries.ts";
import { liveOpenAlerts } from "./alert-workflow.ts";
import { ALERT_CHANGES, alertLink, moveAlert } from "./alerts.ts";
import { type Alert, alerts, OPEN_ALERT_KEY } from "./alerts-schema.ts";

/** The key a merged context gets when its earlier part had to be dropped, saying so. */
const DROPPED_CONTEXT_KEY = "droppedContext";

/**
 * The context an alert keeps when its dedup key is raised again, for the upsert's
 * `SET`: the stored context merged with the raise's (JSON merge patch, RFC 7396) while
 * that stays within {@link CONTEXT_MAX_CHARS}; otherwise the raise's context alone, with
 * {@link DROPPED_CONTEXT_KEY} telling how many characters of earlier context were dropped
 * (left out too when even that note would not fit). Each raise is within the cap, so the
 * stored context always is: repeated raises never grow it past what one raise may send.
 */
function mergedContext(): SQL {
  const stored = sql`${alerts.context}`;
  const raised = sql`excluded.context`;
  const merged = sql`json_patch(${stored}, ${raised})`;
  const note = sql`'Earlier context (' || length(${stored}) || ${` characters) was dropped: merged with this raise it would pass ${CONTEXT_MAX_CHARS.toLocaleString("en")} characters.`}`;
  const noted = sql`json_set(${raised}, ${`$.${DROPPED_CONTEXT_KEY}`}, ${note})`;
  return sql`CASE WHEN length(${merged}) <= ${CONTEXT_MAX_CHARS} THEN ${merged} WHEN length(${noted}) <= ${CONTEXT_MAX_CHARS} THEN ${noted} ELSE ${raised} END`;
}

/**
 * Raises an alert: with the dedup key of an open alert (status new|acknowledged|escalated)
 * it increments count and sets lastSeen (and merges context, within the cap: see
 * {@link mergedContext}); otherwise creates one. One
 * atomic upsert on the partial unique index of open keys, so concurrent raises of a key
 * never make two alerts. A creation is audited and fires `alertEvents.alertFired`; every
 * raise is announced on the `alerts` topic. Techniques named are linked to the alert (a
 * raise counted on an open alert adds its techniques to that alert's).
 */
export async function raiseAlert(
  deps: AlertDeps,
  raw: z.input<typeof raiseInputSchema>,
  actor: Actor,
  request?: RequestFacts,
): Promise<{ alert: Alert; created: boolean }> {
  assertCan(actor, "create", "alerts");
  // Rules and the scanner call this directly: their input gets the API's checks too (422).
  const parsed = raiseInputSchema.safeParse(raw);
  if (!parsed.success) throw new Validation(fieldErrors(parsed.error));
  const input = parsed.data;
  // Checked before the transaction: unknown ATT&CK ids are a 422 naming them.
  const techniqueIds = await resolveTechniques(deps.db, input.techniques ?? []);
  const now = Date.now();
  const id = Bun.randomUUIDv7();
  const values = { title: input.title, severity: input.severity, source: input.source };
  const techniques = input.techniques?.length ? { techniques: input.techniques } : {};
  const raised = createdChange(ALERT_CHANGES, actor, id, { ...values, ...techniques }, request);
  const alert = await deps.db.transaction(async (tx) => {
    const insert = tx.insert(alerts).values({
      id,
      title: input.title,
      description: input.description,
      severity: input.severity,
      source: input.source,
      dedupKey: input.dedupKey ?? null,
      host: input.host ?? null,
      context: input.context ?? {},
      firstSeen: now,
      lastSeen: now,
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
    });
    const [row] = input.dedupKey
      ? await insert
          .onConflictDoUpdate({
            target: alerts.dedupKey,
            targetWhere: OPEN_ALERT_KEY,
            set: {
              count: sql`${alerts.count} + 1`,
              lastSeen: now,
              context: mergedContext(),
            },
          })
          .returning()
      : await insert.returning();
    if (!row) throw new Error("The alert upsert returned no row.");
    if (row.id === id) await auditChange(tx, ALERT_CHANGES, raised);
    await addTechniqueLinks(tx, { kind: "alert", recordId: row.id, at: row.firstSeen }, techniqueIds);
    return row;
  });
  const created = alert.id === id;
  if (created) {
    announceChange(deps.bus, ALERT_CHANGES, raised);
    deps.alertEvents?.alertFired(firedAlert(alert));
  } else deps.bus?.publish("alerts", "alert.raised", { id: alert.id, count: alert.count });
  return { alert, created };
}

/** What the notification system is told about `alert` when it fires. */
export function firedAlert(alert: Alert): Parameters<AlertEvents["alertFired"]>[0] {
  return {
    id: alert.id,
    title: alert.title,
    severity: alert.severity,
    host: alert.host,
    source: alert.source,
    count: alert.count,
    link: alertLink(alert.id),
  };
}

/** Closes the open alert with this dedup key (status closed, a note saying why); no-op when none is open. */
export async function closeAlertByKey(
  deps: AlertDeps,
  dedupKey: string,
  reason: string,
  actor: Actor,
): Promise<void> {
  assertCan(actor, "update", "alerts");
  const [open] = await deps.db
    .select()
    .from(alerts)
    .where(liveOpenAlerts(eq(alerts.dedupKey, dedupKey)))
    .limit(1);
  if (!open) return;
  await moveAlert(deps, actor, open, { status: "closed", version: open.version, note: reason });
}
