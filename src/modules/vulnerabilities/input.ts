import { z } from "zod";
import * as inputs from "../../kit/record-inputs.ts";
import { recordListQuerySchema } from "../../kit/record-list.ts";
import { versionField } from "../../kit/record-versioning.ts";
import { deletedQueryField } from "../../kit/soft-delete.ts";
import { type FieldErrors, Validation } from "../../lib/errors.ts";
import { SEVERITIES, type Severity } from "../../lib/severity.ts";
import { type CvssScore, scoreCvss } from "./cvss.ts";
import { VULNERABILITY_STATUSES, type Vulnerability } from "./schema.ts";

/** The most assets one vulnerability lists. */
export const MAX_AFFECTED_ASSETS = 200;

/** A CVE id once trimmed and upper-cased: `CVE-`, a four-digit year, four or more digits. */
export const CVE_PATTERN = /^CVE-\d{4}-\d{4,}$/;

const severity = inputs.choiceField(SEVERITIES, "severity");
const status = inputs.choiceField(VULNERABILITY_STATUSES, "status");

const cveId = z
  .string({ error: "Send the CVE id as text." })
  .max(40, "A CVE id is at most 40 characters long.")
  .nullable()
  .transform((value, ctx) => {
    const normalized = (value ?? "").trim().toUpperCase();
    if (normalized === "") return null;
    if (CVE_PATTERN.test(normalized)) return normalized;
    ctx.addIssue({
      code: "custom",
      message: "Enter a CVE id such as CVE-2024-3094, or leave it empty for an internal finding.",
    });
    return z.NEVER;
  })
  .describe("CVE-YYYY-NNNN… (stored upper-case); null or empty for an internal finding");

/** Vectors scored lately: an import repeats the same few vectors over thousands of rows. */
const scored = new Map<string, CvssScore | string>();
const SCORED_MAX = 1000;

/** `scoreCvss`, remembered; a string is the reason the vector is invalid. */
function scoreOnce(vector: string): CvssScore | string {
  let result = scored.get(vector);
  if (result === undefined) {
    try {
      result = scoreCvss(vector);
    } catch (error) {
      if (!(error instanceof Validation)) throw error;
      result = error.fields.cvssVector ?? "This vector is not valid.";
    }
    if (scored.size >= SCORED_MAX) scored.clear();
    scored.set(vector, result);
  }
  return result;
}

const cvssVector = z
  .string({ error: "Send the CVSS vector as text." })
  .nullable()
  .transform((value, ctx): CvssScore | null => {
    if (value === null || value.trim() === "") return null;
    const result = scoreOnce(value);
    if (typeof result !== "string") return result;
    ctx.addIssue({ code: "custom", message: result });
    return z.NEVER;
  })
  .describe(
    "A CVSS 3.1 or 4.0 vector (CVSS:3.1/AV:N/…); the score and severity are derived from it. Null or empty: none",
  );

const discoveredAt = inputs
  .pastTimeField("The discovery cannot lie in the future.")
  .describe("Unix ms; default now");

const assetIds = z
  .array(inputs.recordIdField, { error: "Send a list of asset ids." })
  .max(MAX_AFFECTED_ASSETS, `List at most ${MAX_AFFECTED_ASSETS} assets.`)
  .transform((list) => [...new Set(list)])
  .describe("Ids of the affected assets (each must exist)");

/** What a vector or a choice settles: the stored CVSS fields and the severity. */
export type Rating = Pick<Vulnerability, "cvssVector" | "cvssVersion" | "cvssScore" | "severity">;

/**
 * The rating of a vulnerability from its scored vector (or none) and a chosen severity.
 * With a vector the severity is derived, and a chosen one must agree with it; without a
 * vector the chosen severity is used, or `fallback` (the one it had). Field errors on
 * `severity` otherwise.
 */
export function rate(
  score: CvssScore | null,
  chosen: Severity | null | undefined,
  fallback?: Severity,
): Rating | FieldErrors {
  if (score) {
    // CVSS "none" (0.0) is informational.
    const derived = score.severity === "none" ? "informational" : score.severity;
    if (chosen && chosen !== derived)
      return {
        severity: `The CVSS vector rates this ${derived} (${score.score.toFixed(1)}): leave the severity to the vector or choose ${derived}.`,
      };
    return {
      cvssVector: score.vector,
      cvssVersion: score.version,
      cvssScore: score.score,
      severity: derived,
    };
  }
  const severity = chosen ?? fallback;
  if (!severity) return { severity: "Choose a severity, or give a CVSS vector to derive it from." };
  return { cvssVector: null, cvssVersion: null, cvssScore: null, severity };
}

/** True when `rate` answered errors rather than a rating. */
export function isRating(value: Rating | FieldErrors): value is Rating {
  return "cvssVector" in value;
}

/**
 * A new vulnerability. Give a CVSS vector (score and severity are derived; a severity
 * sent with it must agree) or, without one, a severity. The output carries the rating.
 */
export const newVulnerabilitySchema = z
  .object({
    cveId: cveId.default(null),
    title: inputs.titleField,
    description: inputs.descriptionField.default("").describe("Markdown"),
    cvssVector: cvssVector.default(null),
    severity: severity.nullable().default(null).describe("Required without a CVSS vector; derived with one"),
    status: status.default("open"),
    discoveredAt: discoveredAt.optional(),
    assetIds: assetIds.default([]),
    assignedTo: inputs.recordIdField.nullable().default(null).describe("User id of the assignee"),
  })
  .refine((value) => isRating(rate(value.cvssVector, value.severity)), {
    path: ["severity"],
    error: (issue) => {
      const value = issue.input as { cvssVector: CvssScore | null; severity: Severity | null };
      const rating = rate(value.cvssVector, value.severity);
      return isRating(rating) ? undefined : rating.severity;
    },
    // Checked even when other fields are wrong, so the form lists every problem at once.
    when: (payload) =>
      !payload.issues.some((issue) => issue.path?.[0] === "cvssVector" || issue.path?.[0] === "severity"),
  })
  .transform(({ cvssVector: score, severity: chosen, ...rest }) => ({
    ...rest,
    rating: rate(score, chosen) as Rating,
  }));

/** A new vulnerability, as parsed. */
export type NewVulnerability = z.infer<typeof newVulnerabilitySchema>;

/**
 * Changes to a vulnerability; `version` is the one the change was made against. A new
 * vector re-derives score and severity; `cvssVector: null` removes it (the severity stays
 * unless one is sent). A new severity or discovery time sets a new due date. The status
 * changes through its own endpoint.
 */
export const vulnerabilityPatchSchema = z.object({
  version: versionField(),
  cveId: cveId.optional(),
  title: inputs.titleField.optional(),
  description: inputs.descriptionField.optional(),
  cvssVector: cvssVector.optional(),
  severity: severity.nullable().optional().describe("Only without a CVSS vector (or agreeing with it)"),
  discoveredAt: discoveredAt.optional(),
  assetIds: assetIds.optional(),
  assignedTo: inputs.recordIdField.nullable().optional(),
});

/** Changes to a vulnerability, as parsed. */
export type VulnerabilityPatch = z.infer<typeof vulnerabilityPatchSchema>;

/** A move to another status. */
export const vulnerabilityStatusSchema = inputs.statusMoveSchema(VULNERABILITY_STATUSES);

/** Columns a list can be sorted by; severity by rank (critical first ascending), score and due date with blanks last. */
export const VULNERABILITY_SORT = [
  "score",
  "severity",
  "dueAt",
  "discoveredAt",
  "status",
  "title",
  "cveId",
  "createdAt",
  "updatedAt",
] as const;

/** The list's order when none is given: most severe first, then the nearest due date. */
const DEFAULT_VULNERABILITY_SORT = "severity,dueAt";

/** Filters, sort and page of the vulnerability list (API, page and export). */
export const vulnerabilityQuerySchema = recordListQuerySchema(
  VULNERABILITY_SORT,
  DEFAULT_VULNERABILITY_SORT,
  {
    status: z.enum(VULNERABILITY_STATUSES).optional(),
    severity: z.enum(SEVERITIES).optional(),
    assetId: z.string().max(64).optional().describe("Only vulnerabilities affecting this asset"),
    assignedTo: inputs.assigneeFilter,
    overdue: inputs.flagFilter("`true`: open or in progress and past the due date; `false`: all others"),
    deleted: deletedQueryField("vulnerabilities"),
  },
);

/** A parsed vulnerability query. */
export type VulnerabilityQuery = z.infer<typeof vulnerabilityQuerySchema>;
