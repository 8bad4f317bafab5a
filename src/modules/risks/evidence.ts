import { z } from "zod";
import type { Db } from "../../db/client.ts";
import type { Actor } from "../../kit/actor.ts";
import { can, type Resource } from "../../kit/rbac.ts";
import { englishPhrase, type Phrase } from "../../lib/phrase.ts";
import { assetHosts } from "../assets/hosts.ts";
import { incidentsOnAssets } from "../incidents/on-assets.ts";
import { isLiveIncident } from "../incidents/techniques.ts";
import { newlyOpenPortsOn } from "../scans/new-ports.ts";
import { isLiveAlert } from "../soc/alert-techniques.ts";
import { alertsOnHosts } from "../soc/alerts-on-hosts.ts";
import { resolveTechniques } from "../threats/catalog.ts";
import { techniquesSeenSince } from "../threats/technique-sightings.ts";
import { openVulnerabilitiesOn } from "../vulnerabilities/on-assets.ts";
import { EVIDENCE_WINDOW_DAYS, EVIDENCE_WINDOW_MS, likelihoodFor, scoringRule } from "./evidence-points.ts";
import {
  type AssetNaming,
  alertReason,
  type EvidenceReason,
  incidentReason,
  noEvidenceReason,
  portReason,
  reasonSchema,
  techniqueReason,
  vulnerabilityReason,
} from "./evidence-reasons.ts";
import { getRisk, type RiskDeps } from "./risk-queries.ts";

/*
 * An evidence-based suggestion of a risk's current likelihood: what Warden knows about the
 * risk's linked assets and techniques, each piece with its points, and the level the total
 * points to (see evidence-points.ts for the rule). Only a suggestion: a person applies it.
 */

/** The answer of `GET /api/v1/risks/{id}/suggestion`. */
export const suggestionAnswer = z.object({
  likelihood: z.number().int().min(1).describe("The suggested current likelihood, 1..levels"),
  current: z.number().int().nullable().describe("The risk's current likelihood now (null when unset)"),
  levels: z.number().int().min(2).describe("Likelihood levels of the risk matrix"),
  points: z.number().describe("The evidence's total points"),
  windowDays: z.number().int().describe("How far back alerts, incidents, scans and sightings count"),
  rule: z.string().describe("How points become a level, in words"),
  reasons: z.array(reasonSchema).describe("The evidence, most points first"),
});

/**
 * A suggestion of a risk's current likelihood, with its reasons: their sentences and the rule
 * as phrases, written in each reader's language by the page and in English by the API
 * ({@link suggestionAnswerOf}).
 */
export type Suggestion = Omit<SuggestionAnswer, "rule" | "reasons"> & {
  rule: Phrase;
  reasons: EvidenceReason[];
};

/** The API's answer to a suggestion. */
export type SuggestionAnswer = z.infer<typeof suggestionAnswer>;

/** The API's answer: the suggestion with its sentences in English. */
export function suggestionAnswerOf(s: Suggestion): SuggestionAnswer {
  return {
    ...s,
    rule: englishPhrase(s.rule),
    reasons: s.reasons.map(({ phrase, ...reason }) => ({ ...reason, text: englishPhrase(phrase) })),
  };
}

/** What a suggestion is computed from: the risk's links, its matrix's scale and its present value. */
export interface SuggestionInput {
  /** The risk's linked assets. */
  assetIds: readonly string[];
  /** The risk's linked ATT&CK techniques (STIX ids of `attack_techniques`). */
  techniqueIds: readonly string[];
  /** Likelihood levels of the matrix (2 or more). */
  levels: number;
  /** The risk's current likelihood now (null when unset). */
  current: number | null;
  /** Who reads it: evidence from records their role cannot read counts, but is not described. */
  actor: Actor;
}

const live = { alert: isLiveAlert, incident: isLiveIncident };

/** Whose records each kind of evidence describes. */
const SOURCES: Record<EvidenceReason["kind"], Resource | null> = {
  vulnerability: "vulnerabilities",
  port: "scans",
  listening_port: "alerts",
  alert: "alerts",
  incident: "incidents",
  technique: "threats",
  none: null,
};

/**
 * `reason` as `actor` may see it: evidence from records their role cannot read keeps its
 * points (the suggestion is the same for everyone) but loses its words and link.
 */
function asSeenBy(actor: Actor, reason: EvidenceReason): EvidenceReason {
  const resource = SOURCES[reason.kind];
  if (!resource || can(actor, "read", resource)) return reason;
  return {
    ...reason,
    phrase: {
      key: "riskEvidence.hidden",
      params: {
        what: { key: `riskEvidence.hiddenKind.${reason.kind}` },
        resource: { key: `terms.${resource}` },
      },
    },
    link: null,
  };
}

/**
 * Suggests the current likelihood (1..`levels`) of a risk from the evidence on its linked
 * assets and techniques:
 * - open vulnerabilities on the assets (by severity, ×2 when overdue);
 * - ports newly open in scans of the assets' addresses and new listening ports (port rules'
 *   alerts) in the last {@link EVIDENCE_WINDOW_DAYS} days;
 * - alerts on the assets' host names and addresses seen in that time (false positives and
 *   deleted ones left out; a scan's alerts are its ports, counted once);
 * - incidents on the assets detected in that time or still open;
 * - the linked techniques named by live alerts and incidents in that time.
 * Each reason carries its points; {@link likelihoodFor} maps the total to a level. No evidence:
 * level 1 with a reason saying so. Evidence the actor's role cannot read (scans are for
 * admins) counts the same, described without its details. At most seven queries, each on an
 * index, whatever the amount of evidence.
 */
export async function suggestionFor(
  deps: { db: Pick<Db, "select"> },
  input: SuggestionInput,
  now = Date.now(),
): Promise<Suggestion> {
  const since = now - EVIDENCE_WINDOW_MS;
  const assets = await assetHosts(deps.db, input.assetIds);
  const assetIds = assets.map((a) => a.id);
  const addresses = [...new Set(assets.flatMap((a) => a.addresses))];
  const naming: AssetNaming = { byId: new Map(assets.map((a) => [a.id, a.name])), byAddress: new Map() };
  for (const asset of assets)
    for (const address of asset.addresses)
      naming.byAddress.set(address, [...(naming.byAddress.get(address) ?? []), asset.name]);
  const [vulnerabilities, ports, alerts, incidents, techniques] = await Promise.all([
    openVulnerabilitiesOn(deps.db, assetIds),
    newlyOpenPortsOn(deps.db, addresses, since),
    alertsOnHosts(deps.db, addresses, since),
    incidentsOnAssets(deps.db, assetIds, since),
    techniquesSeenSince(deps.db, input.techniqueIds, since, live),
  ]);
  const reasons = [
    ...vulnerabilities.map((v) => vulnerabilityReason(v, naming, now)),
    ...ports.map((p) => portReason(p, naming, now)),
    ...alerts.filter((a) => a.source !== "scan").map((a) => alertReason(a, naming, now)),
    ...incidents.map((i) => incidentReason(i, naming, now)),
    ...techniques.map(techniqueReason),
  ].sort((a, b) => b.points - a.points);
  const points = reasons.reduce((sum, r) => sum + r.points, 0);
  const linked = input.assetIds.length > 0 || input.techniqueIds.length > 0;
  return {
    likelihood: likelihoodFor(points, input.levels),
    current: input.current,
    levels: input.levels,
    points,
    windowDays: EVIDENCE_WINDOW_DAYS,
    rule: scoringRule(input.levels),
    reasons: reasons.length > 0 ? reasons.map((r) => asSeenBy(input.actor, r)) : [noEvidenceReason(linked)],
  };
}

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
