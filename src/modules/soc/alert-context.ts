import { type SQL, sql } from "drizzle-orm";
import { CONTEXT_MAX_CHARS } from "./alert-input.ts";
import { alerts } from "./alerts-schema.ts";

/** The key a merged context gets when its earlier part had to be dropped, saying so. */
export const DROPPED_CONTEXT_KEY = "droppedContext";

/**
 * The context an alert keeps when its dedup key is raised again, for the upsert's
 * `SET`: the stored context merged with the raise's (JSON merge patch, RFC 7396) while
 * that stays within {@link CONTEXT_MAX_CHARS}; otherwise the raise's context alone, with
 * {@link DROPPED_CONTEXT_KEY} telling how many characters of earlier context were dropped
 * (left out too when even that note would not fit). Each raise is within the cap, so the
 * stored context always is: repeated raises never grow it past what one raise may send.
 */
export function mergedContext(): SQL {
  const stored = sql`${alerts.context}`;
  const raised = sql`excluded.context`;
  const merged = sql`json_patch(${stored}, ${raised})`;
  const note = sql`'Earlier context (' || length(${stored}) || ${` characters) was dropped: merged with this raise it would pass ${CONTEXT_MAX_CHARS.toLocaleString("en")} characters.`}`;
  const noted = sql`json_set(${raised}, ${`$.${DROPPED_CONTEXT_KEY}`}, ${note})`;
  return sql`CASE WHEN length(${merged}) <= ${CONTEXT_MAX_CHARS} THEN ${merged} WHEN length(${noted}) <= ${CONTEXT_MAX_CHARS} THEN ${noted} ELSE ${raised} END`;
}
