import { z } from "zod";
import { INCIDENT_STATUSES } from "../../kit/incident-statuses.ts";
import { personSchema, recordStampsSchema, severityRefSchema } from "../../kit/record-schemas.ts";
import { ALERT_STATUSES } from "../soc/alerts-schema.ts";
import { THREAT_CATEGORIES } from "./schema.ts";

/*
 * What the threat catalog's API answers, as zod schemas for the API reference.
 */

const entry = {
  id: z.string().describe("STIX id"),
  attackId: z.string().describe("ATT&CK id"),
  name: z.string(),
  description: z.string().describe("Markdown, as MITRE writes it"),
  revoked: z.boolean(),
  deprecated: z.boolean(),
  modified: z.string().describe("ISO time MITRE last changed it"),
  stixVersion: z.string().describe("x_mitre_version"),
};

/** A tactic. */
export const tacticSchema = z.object({ ...entry, shortname: z.string(), position: z.number().int() });

/** A technique or sub-technique. */
export const techniqueSchema = z.object({
  ...entry,
  tactics: z.array(z.string()).describe("Tactic shortnames"),
  platforms: z.array(z.string()),
  isSubtechnique: z.boolean(),
  parentId: z.string().nullable().describe("The parent technique's STIX id"),
});

/** A mitigation. */
export const mitigationSchema = z.object(entry);

const ref = z.object({ id: z.string(), attackId: z.string(), name: z.string() });

/** A technique with its family, mitigations and the records naming it. */
export const techniqueDetailSchema = techniqueSchema.extend({
  url: z.string(),
  parent: ref.nullable(),
  subtechniques: z.array(ref.extend({ revoked: z.boolean() })),
  mitigations: z.array(ref),
  namedBy: z.object({
    alerts: z.array(
      severityRefSchema(ALERT_STATUSES).extend({ firstSeen: z.number().int(), count: z.number().int() }),
    ),
    incidents: z.array(severityRefSchema(INCIDENT_STATUSES).extend({ detectedAt: z.number().int() })),
    threats: z.array(z.object({ id: z.string(), name: z.string() })),
    risks: z.array(z.object({ id: z.string(), title: z.string() })),
    vulnerabilities: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        cveId: z.string().nullable().describe("CVE id, if any"),
      }),
    ),
  }),
});

const entryChanges = z.object({
  new: z.array(z.string()).describe("ATT&CK ids"),
  changed: z.array(z.string()),
  // Entries the bundle revokes that were not revoked (or not stored) before.
  revoked: z.array(z.string()).describe("Revoked by this bundle (they stay, flagged)"),
  unchanged: z.number().int(),
});

/** What an import changes. */
export const catalogDiffSchema = z.object({
  tactics: entryChanges,
  techniques: entryChanges,
  mitigations: entryChanges,
  mitigates: z.object({ added: z.number().int(), removed: z.number().int() }),
  skipped: z.record(z.string(), z.number().int()).describe("Objects left out, by STIX type"),
  empty: z.boolean().describe("True when the bundle changes nothing"),
});

/** The matrix. */
export const matrixSchema = z.object({
  days: z.number().int(),
  since: z.number().int(),
  // The highest cell count, which sets the levels.
  max: z.number().int(),
  // Alerts and incidents naming any technique in the period (a record naming two counts twice).
  sightings: z.number().int(),
  columns: z.array(
    z.object({
      attackId: z.string(),
      shortname: z.string(),
      name: z.string(),
      cells: z.array(
        z.object({
          attackId: z.string(),
          name: z.string(),
          alerts: z.number().int(),
          incidents: z.number().int(),
          // Alerts plus incidents naming it or one of its sub-techniques, each record once.
          count: z.number().int(),
          level: z.number().int().describe("0 (not seen) to 4"),
          mitigations: z.array(z.object({ attackId: z.string(), name: z.string() })),
          subtechniques: z.array(
            z.object({ attackId: z.string(), name: z.string(), count: z.number().int() }),
          ),
        }),
      ),
    }),
  ),
});

/** A threat of the organisation's own. */
export const threatSchema = recordStampsSchema.extend({
  id: z.string(),
  name: z.string(),
  category: z.enum(THREAT_CATEGORIES),
  description: z.string().describe("Markdown"),
  createdBy: personSchema,
  techniques: z.array(z.object({ attackId: z.string(), name: z.string(), revoked: z.boolean() })),
});
