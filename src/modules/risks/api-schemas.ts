import { z } from "zod";
import { RISK_LEVEL_COLORS } from "../../config/schema.ts";
import { personSchema, titledRecordSchema } from "../../kit/record-schemas.ts";
import {
  ACCEPTANCE_STATUSES,
  RISK_CATEGORIES,
  RISK_STATUSES,
  RISK_TREATMENTS,
  TREND_PERIODS,
} from "./schema.ts";

/*
 * What the risk API answers, as zod schemas for the API reference.
 */

/** A risk level as the API shows it. */
export const levelSchema = z.object({
  index: z.number().int().describe("0 = the lowest level of risk.matrix.levels"),
  name: z.string(),
  color: z.enum(RISK_LEVEL_COLORS),
});

/** A score as the API shows it. */
export const scoreSchema = z.object({
  likelihood: z.number().int(),
  impact: z.number().int(),
  level: levelSchema.nullable().describe("From the matrix in force; null when the score lies outside it"),
});

const linked = z.array(z.object({ id: z.string(), name: z.string() }));

/** A risk acceptance as the API shows it. */
export const acceptanceSchema = z.object({
  id: z.string(),
  status: z.enum(ACCEPTANCE_STATUSES),
  reason: z.string(),
  expiresAt: z.number().int(),
  requestedBy: personSchema,
  requestedAt: z.number().int(),
  decidedBy: personSchema,
  decidedAt: z.number().int().nullable(),
  decisionNote: z.string(),
});

/** A risk as the API returns it. */
export const riskSchema = titledRecordSchema.extend({
  owner: z.object({ id: z.string(), name: z.string() }),
  category: z.enum(RISK_CATEGORIES),
  status: z.enum(RISK_STATUSES),
  inherentLikelihood: z.number().int(),
  inherentImpact: z.number().int(),
  currentLikelihood: z.number().int(),
  currentImpact: z.number().int(),
  residualLikelihood: z.number().int(),
  residualImpact: z.number().int(),
  treatment: z.enum(RISK_TREATMENTS).nullable(),
  treatmentPlan: z.string(),
  treatmentDueAt: z.number().int().nullable(),
  nextReviewAt: z.number().int().nullable(),
  createdBy: personSchema,
  scores: z.object({ inherent: scoreSchema, current: scoreSchema, residual: scoreSchema }),
  aboveAppetite: z.boolean().describe("The current level lies above risk.appetite"),
  links: z.object({ asset: linked, vulnerability: linked, incident: linked, threat: linked }),
  techniques: z.array(z.object({ attackId: z.string(), name: z.string(), revoked: z.boolean() })),
  acceptance: acceptanceSchema.nullable().describe("The pending or approved acceptance, if any"),
  acceptances: z.array(acceptanceSchema).describe("Every acceptance asked for, newest first"),
});

const heatMapSchema = z.object({
  rows: z
    .array(
      z.array(
        z.object({
          likelihood: z.number().int(),
          impact: z.number().int(),
          level: levelSchema,
          count: z.number().int(),
        }),
      ),
    )
    .describe("One row per likelihood (1 first), one cell per impact (1 first)"),
  outside: z.number().int().describe("Risks whose score lies outside the matrix in force"),
});

/** The heat maps of the open risks. */
export const heatmapSchema = z.object({
  matrix: z.object({
    likelihood: z.array(z.string()),
    impact: z.array(z.string()),
    levels: z.array(z.object({ name: z.string(), color: z.enum(RISK_LEVEL_COLORS) })),
    grid: z.array(z.array(z.number().int())),
  }),
  appetite: z.number().int(),
  current: heatMapSchema,
  residual: heatMapSchema,
});

/** The answer of `GET /api/v1/risks/trend`. */
export const trendSchema = z.object({
  period: z.enum(TREND_PERIODS),
  from: z.string().describe("First day of the period, YYYY-MM-DD (server time zone)"),
  to: z.string().describe("Last day (today), YYYY-MM-DD"),
  levels: z.array(z.object({ name: z.string(), color: z.enum(RISK_LEVEL_COLORS) })),
  days: z
    .array(
      z.object({
        day: z.string(),
        current: z
          .array(z.number().int())
          .describe("Risks per level by current score; index 0 is the lowest level"),
        residual: z.array(z.number().int()).describe("The same by residual score"),
      }),
    )
    .describe("Each day with a snapshot, oldest first; closed risks left out"),
});
