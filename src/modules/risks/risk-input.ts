import { z } from "zod";
import * as inputs from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { techniqueIdsField } from "../../lib/technique-ids.ts";
import { RISK_CATEGORIES, RISK_STATUSES, RISK_TREATMENTS } from "./schema.ts";

/** The most records of one kind a risk links to. */
export const MAX_RISK_LINKS = 100;

/** A likelihood or impact: a whole number from 1; the matrix in force bounds it (422 beyond). */
const scorePart = (what: string) =>
  z
    .number({ error: `Choose the ${what}.` })
    .int(`Choose the ${what}.`)
    .min(1, `Choose the ${what}.`)
    .describe(`1 to the number of ${what} labels of risk.matrix`);

const likelihood = scorePart("likelihood");
const impact = scorePart("impact");

const ids = (what: string) =>
  z
    .array(inputs.recordIdField, { error: `Send a list of ${what} ids.` })
    .max(MAX_RISK_LINKS, `Link at most ${MAX_RISK_LINKS} ${what}s.`)
    .transform((list) => [...new Set(list)])
    .describe(`Ids of linked ${what}s (each must exist and not be deleted); replaces the list`);

const day = z.number().int().min(0).nullable();

const owner = z
  .string({ error: "Choose the owner." })
  .min(1, "Choose the owner.")
  .max(64)
  .describe("User id of the owner (an active user)");

const category = inputs.choiceField(RISK_CATEGORIES, "category");
const treatment = inputs
  .choiceField(RISK_TREATMENTS, "treatment")
  .nullable()
  .describe("`accept` only through an approved acceptance (POST …/acceptance)");
const treatmentPlan = z.string().max(20_000, "Use at most 20,000 characters.");

/** A risk's fields as an edit gives them; each list replaces the whole list. */
const fields = {
  title: inputs.titleField,
  description: inputs.descriptionField,
  owner,
  category,
  inherentLikelihood: likelihood,
  inherentImpact: impact,
  currentLikelihood: likelihood,
  currentImpact: impact,
  residualLikelihood: likelihood,
  residualImpact: impact,
  treatment,
  treatmentPlan,
  treatmentDueAt: day,
  nextReviewAt: day,
  assetIds: ids("asset"),
  vulnerabilityIds: ids("vulnerability"),
  incidentIds: ids("incident"),
  threatIds: ids("threat"),
  techniques: techniqueIdsField,
};

/** A new risk: current and residual scores default to the inherent one. */
export const newRiskSchema = z.object({
  ...fields,
  description: fields.description.default("").describe("Markdown"),
  currentLikelihood: likelihood.optional(),
  currentImpact: impact.optional(),
  residualLikelihood: likelihood.optional().describe("Target after treatment; default the current"),
  residualImpact: impact.optional(),
  treatment: treatment.default(null),
  treatmentPlan: treatmentPlan.default(""),
  treatmentDueAt: day.default(null).describe("Unix ms"),
  nextReviewAt: day.default(null).describe("Unix ms; the owner is told once it has passed"),
  assetIds: fields.assetIds.default([]),
  vulnerabilityIds: fields.vulnerabilityIds.default([]),
  incidentIds: fields.incidentIds.default([]),
  threatIds: fields.threatIds.default([]),
  techniques: fields.techniques.default([]),
});

/** A new risk as parsed. */
export type NewRisk = z.infer<typeof newRiskSchema>;

/** Changes to a risk against the version read; each list replaces the whole list. */
export const riskPatchSchema = z.object({ version: versionField(), ...z.object(fields).partial().shape });

/** A risk patch as parsed. */
export type RiskPatch = z.infer<typeof riskPatchSchema>;

/** A move in the risk workflow. */
export const riskStatusSchema = inputs.statusMoveSchema(RISK_STATUSES);

/** Columns the risk list sorts by; `score` is current likelihood × impact, highest first descending. */
export const RISK_SORT = ["score", "title", "status", "nextReviewAt", "createdAt", "updatedAt"] as const;

/** The list's order when none is given: the highest current score first. */
const DEFAULT_RISK_SORT = "-score";

const cellPart = z.coerce.number().int().min(1).max(10).optional();

/** Filters, sort and page of the risk list (API, page and export). */
export const riskQuerySchema = recordListQuerySchema(RISK_SORT, DEFAULT_RISK_SORT, {
  status: z.enum(RISK_STATUSES).optional(),
  category: z.enum(RISK_CATEGORIES).optional(),
  treatment: z
    .enum([...RISK_TREATMENTS, "none"])
    .optional()
    .describe('A treatment, or "none"'),
  owner: z.string().max(64).optional().describe("The owner's user id"),
  level: z.coerce.number().int().min(0).max(9).optional().describe("Level index of the current score"),
  aboveAppetite: inputs.flagFilter("Current level above risk.appetite"),
  likelihood: cellPart.describe("With impact: one cell of the heat map"),
  impact: cellPart,
  scoreOf: z
    .enum(["current", "residual"])
    .optional()
    .describe("Which score `likelihood` and `impact` filter on (default current)"),
  open: z.enum(["true"]).optional().describe("`true`: leave closed risks out (the heat map's cells)"),
  deleted: deletedQueryField("risks"),
});

/** A parsed risk query. */
export type RiskQuery = z.infer<typeof riskQuerySchema>;

/** How far ahead an acceptance may run. */
export const MAX_ACCEPTANCE_MS = 3 * 366 * 86_400_000;

/** A request to accept a risk: why, and until when (in the future, at most three years ahead). */
export const acceptanceRequestSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, "Say why the risk can be accepted.")
    .max(5000, "Use at most 5,000 characters."),
  expiresAt: z
    .number({ error: "Choose when the acceptance ends." })
    .int()
    .refine((ms) => ms > Date.now(), "Choose a day in the future.")
    .refine((ms) => ms <= Date.now() + MAX_ACCEPTANCE_MS, "Accept a risk for at most three years.")
    .describe("Unix ms; in the future, at most three years ahead"),
});

/** An acceptance request as parsed. */
export type AcceptanceRequest = z.infer<typeof acceptanceRequestSchema>;

/** A decision on a pending acceptance: an optional note. */
export const acceptanceDecisionSchema = z.object({
  note: z.string().trim().max(5000, "Use at most 5,000 characters.").default(""),
});
