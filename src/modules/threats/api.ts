import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { ResourceRouter } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import { requestFacts } from "../../lib/request-facts.ts";
import {
  catalogDiffSchema,
  matrixSchema,
  mitigationSchema,
  tacticSchema,
  techniqueDetailSchema,
  techniqueSchema,
} from "./api-schemas.ts";
import { getTechnique, listMitigations, listTactics, listTechniques } from "./catalog.ts";
import { applyParsedCatalog, previewAttackImport } from "./catalog-import.ts";
import { IMPORT_MAX_BYTES } from "./import-limits.ts";
import { attackMatrix, matrixQuerySchema } from "./matrix.ts";
import { techniqueSightings } from "./sightings.ts";
import { parseAttackBundle } from "./stix-bundle.ts";

/**
 * A STIX 2.1 bundle as the body: its own fields are closed like every body's (an unknown one is
 * a 422 naming it); the objects are read by the importer, which says what is not a bundle.
 */
const bundleBody = z
  .object(
    {
      type: z.unknown().optional().describe('"bundle"'),
      id: z.unknown().optional(),
      spec_version: z.unknown().optional().describe("STIX 2.0 bundles carry it"),
      objects: z.unknown().optional().describe("The STIX objects"),
    },
    { error: 'Send a STIX 2.1 bundle: a JSON object with "type": "bundle" and an "objects" array.' },
  )
  .describe(
    `A STIX 2.1 bundle as MITRE publishes ATT&CK (e.g. enterprise-attack.json), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB. Tactics, techniques, sub-techniques, mitigations and their mitigates/subtechnique-of relationships are kept; other objects are skipped and counted.`,
  );

/**
 * The ATT&CK catalog (read: every role; import: admins — `control` on threats):
 * - GET  /api/v1/threats/tactics                 tactics in matrix order
 * - GET  /api/v1/threats/techniques              techniques (?tactic=shortname&q=id or name)
 * - GET  /api/v1/threats/techniques/:id          one by ATT&CK id, with mitigations and what names it
 * - GET  /api/v1/threats/mitigations             mitigations
 * - GET  /api/v1/threats/matrix                  the matrix coloured by alerts and incidents (?days=7|30|90)
 * - POST /api/v1/threats/attack/preview          what importing a bundle would change; nothing is written
 * - POST /api/v1/threats/attack/apply            import a bundle in one transaction (audited)
 */
export function attackApi(deps: AppDeps): ApiRouter {
  const db = deps.database.db;
  const svc = { db, bus: deps.bus };
  const importing = { action: "control", resource: "threats" } as const;
  return new ResourceRouter("/threats", "Threats", { svc: db, resource: "threats", config: deps.config })
    .read(
      "/tactics",
      { summary: "ATT&CK tactics", ok: { description: "In matrix order", schema: z.array(tacticSchema) } },
      listTactics,
    )
    .read(
      "/techniques",
      {
        summary: "ATT&CK techniques and sub-techniques",
        query: z.object({
          tactic: z.string().max(64).optional().describe("A tactic's shortname, e.g. execution"),
          q: z.string().trim().max(200).optional().describe("Part of an ATT&CK id or a name"),
        }),
        ok: { description: "By ATT&CK id", schema: z.array(techniqueSchema) },
      },
      (db, actor, { query }) => listTechniques(db, actor, query),
    )
    .read(
      "/techniques/:id",
      {
        summary: "One ATT&CK technique",
        params: z.object({ id: z.string().min(1).max(20).describe("ATT&CK id, e.g. T1059.001") }),
        ok: {
          description: "The technique, its mitigations and the records naming it",
          schema: techniqueDetailSchema,
        },
      },
      async (db, actor, { params }) => {
        const technique = await getTechnique(db, actor, params.id.toUpperCase());
        return { ...technique, namedBy: await techniqueSightings(db, technique) };
      },
    )
    .read(
      "/mitigations",
      {
        summary: "ATT&CK mitigations",
        ok: { description: "By ATT&CK id", schema: z.array(mitigationSchema) },
      },
      listMitigations,
    )
    .read(
      "/matrix",
      {
        summary: "The ATT&CK matrix, coloured by this organisation's alerts and incidents",
        query: matrixQuerySchema,
        ok: { description: "Tactics as columns, techniques as cells", schema: matrixSchema },
      },
      (db, actor, { query }) => attackMatrix(db, actor, Number(query.days)),
    )
    .post(
      "/attack/preview",
      {
        summary: "Preview an ATT&CK import",
        description:
          "What importing the bundle would change: new, changed and revoked tactics, techniques and mitigations, relationships added and removed, skipped objects by type. Nothing is written. Not a bundle: 422.",
        permission: importing,
        body: bundleBody,
        responses: { 200: { description: "The changes", schema: catalogDiffSchema } },
      },
      async (c, { body }) => c.json((await previewAttackImport(svc, actorOf(c), body)).diff),
    )
    .post(
      "/attack/apply",
      {
        summary: "Import an ATT&CK bundle",
        description:
          "Applies the changes the preview shows in one transaction, audited as attack.import. Nothing is deleted: a revoked technique stays, flagged, with its links. The same bundle again changes nothing (`empty: true`). Not a bundle: 422, nothing changes.",
        permission: importing,
        body: bundleBody,
        responses: { 200: { description: "The changes applied", schema: catalogDiffSchema } },
      },
      async (c, { body }) => {
        const catalog = parseAttackBundle(body);
        return c.json(await applyParsedCatalog(svc, actorOf(c), catalog, requestFacts(c, deps.config)));
      },
    );
}
