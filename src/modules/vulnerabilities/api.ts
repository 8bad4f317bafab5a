import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import { personSchema, recordStampsSchema } from "../../kit/record-schemas.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { SEVERITIES } from "../../lib/severity.ts";
import { ASSET_TYPES, CRITICALITIES } from "../assets/schema.ts";
import { techniquesRoute } from "../threats/record-techniques.ts";
import { namedTechniquesSchema } from "../threats/technique-links.ts";
import { vulnerabilityDeps } from "./deps.ts";
import { importSchema, previewImport, runImport } from "./import.ts";
import { IMPORT_COLUMNS } from "./import-file.ts";
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from "./import-limits.ts";
import {
  newVulnerabilitySchema,
  vulnerabilityPatchSchema,
  vulnerabilityQuerySchema,
  vulnerabilityStatusSchema,
} from "./input.ts";
import { VULNERABILITY } from "./kind.ts";
import { getVulnerability, type VulnerabilityView, vulnerabilityQueries } from "./queries.ts";
import { CVSS_VERSIONS, VULNERABILITY_STATUSES } from "./schema.ts";
import * as service from "./service.ts";
import { setVulnerabilityTechniques } from "./techniques.ts";

const affectedAssetSchema = z.object({
  id: z.string(),
  name: z.string(),
  hostname: z.string(),
  assetType: z.enum(ASSET_TYPES),
  criticality: z.enum(CRITICALITIES),
});

/** A vulnerability as the API returns it. */
export const vulnerabilitySchema = z.object({
  id: z.string(),
  cveId: z.string().nullable(),
  title: z.string(),
  description: z.string().describe("Markdown"),
  cvssVector: z
    .string()
    .nullable()
    .describe("Normalised: the specification's metric order, X values left out"),
  cvssVersion: z.enum(CVSS_VERSIONS).nullable(),
  cvssScore: z.number().nullable().describe("Base score (CVSS 4.0: CVSS-B), 0.0–10.0"),
  severity: z
    .enum(SEVERITIES)
    .describe("From the score with a vector (0.0 is informational), else as chosen"),
  status: z.enum(VULNERABILITY_STATUSES),
  discoveredAt: z.number().int(),
  dueAt: z
    .number()
    .int()
    .nullable()
    .describe("discoveredAt + the SLA days of the severity; null for informational"),
  resolvedAt: z.number().int().nullable().describe("When it left the open statuses; null while open"),
  overdue: z.boolean().describe("Open or in progress and past dueAt"),
  createdBy: personSchema,
  assignedTo: personSchema,
  assets: z.array(affectedAssetSchema).describe("The affected assets, by name"),
  ...recordStampsSchema.shape,
});

const importReportSchema = z.object({
  format: z.enum(["csv", "json"]),
  fileErrors: z.array(z.string()).describe("Problems of the whole file; nothing can be imported"),
  rows: z.array(
    z.object({
      row: z
        .number()
        .int()
        .describe("CSV: the row as a spreadsheet counts it (header = 1); JSON: the item from 1"),
      values: z
        .object({
          cveId: z.string().nullable(),
          title: z.string(),
          description: z.string(),
          cvssVector: z.string().nullable(),
          cvssVersion: z.string().nullable(),
          cvssScore: z.number().nullable(),
          severity: z.string(),
          status: z.string(),
          discoveredAt: z.number().int(),
          dueAt: z.number().int().nullable(),
          assets: z.array(z.object({ id: z.string(), name: z.string() })),
        })
        .nullable()
        .describe("What the row will be stored as; null when it has problems"),
      errors: z.array(z.object({ field: z.string().describe("The column"), message: z.string() })),
      cells: z.record(z.string(), z.string()).describe("The row as read, when it has problems; else empty"),
    }),
  ),
  valid: z.number().int(),
  invalid: z.number().int(),
});

/** The columns of a vulnerability export; assets are separated by “; ”. */
const CSV_COLUMNS: CsvColumn<VulnerabilityView>[] = [
  ...fieldColumns<VulnerabilityView>("id", "cveId", "title", "severity"),
  { header: "cvss_score", value: (v) => v.cvssScore?.toFixed(1) },
  ...fieldColumns<VulnerabilityView>("cvssVector", "status", "overdue"),
  { header: "assets", value: (v) => v.assets.map((a) => a.name).join("; ") },
  ...timeColumns<VulnerabilityView>("discoveredAt", "dueAt", "resolvedAt"),
  ...personColumns<VulnerabilityView>("createdBy", "assignedTo"),
  ...timeColumns<VulnerabilityView>("updatedAt"),
];

/** Vulnerabilities as a record kind: the standard routes of the record kit. */
const vulnerabilityRecords = defineRecordApi({
  kind: VULNERABILITY,
  tag: "Vulnerabilities",
  schema: vulnerabilitySchema,
  query: vulnerabilityQuerySchema,
  columns: CSV_COLUMNS,
  queries: vulnerabilityQueries,
  create: {
    summary: "Record a vulnerability",
    description:
      "Give a CVSS 3.1 or 4.0 vector (score and severity are derived from it; a severity sent with it must agree) or a severity. The due date is the discovery plus the SLA days of the severity (`vulnerabilities.sla.*`). A CVE id names one vulnerability at most (422 on cveId otherwise).",
    body: newVulnerabilitySchema,
    run: service.createVulnerability,
  },
  get: {
    summary: "One vulnerability with its assets",
    schema: vulnerabilitySchema.extend({ techniques: namedTechniquesSchema }),
    run: getVulnerability,
  },
  update: {
    description:
      "Send the version you read as `version` or as `If-Match`; if it changed since, the answer is 409 and nothing is written. Without either: 428. A new vector re-derives score and severity, `cvssVector: null` removes it; a new severity or discovery time sets a new due date. `assetIds` replaces the list.",
    body: vulnerabilityPatchSchema,
    run: service.updateVulnerability,
  },
  status: {
    summary: "Move a vulnerability to another status",
    description:
      "From open or in_progress to any other status; from mitigated, accepted or false_positive only back to open. Anything else (the same status included): 409.",
    body: vulnerabilityStatusSchema,
    run: service.changeVulnerabilityStatus,
    versionOptional: true,
  },
  delete: service.deleteVulnerability,
  restore: {
    summary: "Restore a deleted vulnerability",
    description: "409 when another vulnerability holds its CVE id meanwhile.",
    run: service.restoreVulnerability,
    refused: { 409: { description: "Not deleted, or another vulnerability holds its CVE id" } },
  },
  collection: (router) =>
    router.post(
      "/import",
      {
        summary: "Import findings from a CSV or JSON file",
        permission: router.may("create"),
        description: `Columns (CSV header, or keys of each object of a JSON array): ${IMPORT_COLUMNS.join(", ")}; only title is required. \`asset\` names assets by id, host name or name, several separated by “;” (JSON: also a list). At most ${IMPORT_MAX_BYTES / 1024 / 1024} MB and ${IMPORT_MAX_ROWS} rows. \`dryRun=true\` (the default) answers the preview: each row with what it will be stored as, or its problems (row, column, message). \`dryRun=false\` imports every row in one transaction, or — with any problem — nothing: 422 with one error per problem (\`rows.<row>.<column>\`, or \`content\` for the file).`,
        query: z.object({
          dryRun: z.enum(["true", "false"]).default("true").describe("true: only check and preview"),
        }),
        body: importSchema,
        responses: {
          200: { description: "The preview (dryRun=true)", schema: importReportSchema },
          201: {
            description: "Every row imported (dryRun=false)",
            schema: z.object({ imported: z.number().int(), ids: z.array(z.string()) }),
          },
        },
      },
      async (c, { query, body }) => {
        if (query.dryRun === "true") return c.json(await previewImport(router.svc, actorOf(c), body));
        return c.json(await runImport(router.svc, actorOf(c), body, router.facts(c)), 201);
      },
    ),
  record: (router) => techniquesRoute(router, "vulnerability", setVulnerabilityTechniques),
});

/**
 * Vulnerabilities (read: every role; write and import: analysts and up; delete and restore: admins):
 * - GET    /api/v1/vulnerabilities              list: page, pageSize ≤ 200, sort, q, status, severity, assetId, overdue
 * - GET    /api/v1/vulnerabilities/export       the same filters, all rows, as CSV or JSON
 * - POST   /api/v1/vulnerabilities/import       CSV or JSON findings: preview (dryRun=true) or import all or nothing
 * - POST   /api/v1/vulnerabilities              record one (201 + Location)
 * - GET    /api/v1/vulnerabilities/:id          one, with its assets (ETag = version)
 * - PATCH  /api/v1/vulnerabilities/:id          edit against a version (field or If-Match); stale: 409
 * - POST   /api/v1/vulnerabilities/:id/status   move to another status; a move the rules refuse: 409
 * - PUT    /api/v1/vulnerabilities/:id/techniques   set the ATT&CK techniques it names
 * - DELETE /api/v1/vulnerabilities/:id          soft delete
 * - POST   /api/v1/vulnerabilities/:id/restore  undo a delete
 */
export function vulnerabilitiesApi(deps: AppDeps): ApiRouter {
  return recordApi(vulnerabilityRecords, deps, vulnerabilityDeps(deps));
}
