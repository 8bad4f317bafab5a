import type { Actor } from "../../kit/actor.ts";
import { resolveTechniques } from "../threats/catalog.ts";
import { suggestionFor } from "./evidence.ts";
import { getRisk, type RiskDeps } from "./risk-queries.ts";

/**
 * The evidence-based suggestion of risk `id`'s current likelihood (every role that reads
 * risks), from its linked assets and techniques on the matrix in force, with the risk it
 * is for (its version is what applying the suggestion is made against). 404 when unknown.
 */
export async function riskSuggestion(deps: RiskDeps, actor: Actor, id: string, now = Date.now()) {
  const risk = await getRisk(deps, actor, id);
  const techniqueIds = await resolveTechniques(
    deps.db,
    risk.techniques.map((t) => t.attackId),
  );
  const suggestion = await suggestionFor(
    deps,
    {
      assetIds: risk.links.asset.map((a) => a.id),
      techniqueIds,
      levels: deps.risk().matrix.likelihood.length,
      current: risk.currentLikelihood,
      actor,
    },
    now,
  );
  return { risk, suggestion };
}
