import { z } from "zod";
import type { AppDeps } from "../../deps.ts";
import { defineRecordApi, recordApi } from "../../kit/record-api.ts";
import { fieldColumns, personColumns, timeColumns } from "../../kit/record-csv.ts";
import { idParams } from "../../kit/record-schemas.ts";
import { madeOrFound } from "../../kit/resource-router.ts";
import type { ApiRouter } from "../../lib/api-router.ts";
import { actorOf } from "../../lib/context.ts";
import type { CsvColumn } from "../../lib/csv.ts";
import { assetPatchSchema, assetQuerySchema, newAssetSchema } from "./input.ts";
import { ASSET } from "./kind.ts";
import { addDependency, removeDependency } from "./relations.ts";
import { ASSET_STATUSES, ASSET_TYPES, CRITICALITIES } from "./schema.ts";
import { type AssetView, assetQueries, createAsset, deleteAsset, getAsset, updateAsset } from "./service.ts";

/** An asset as the API returns it. */
export const assetSchema = z.object({
  id: z.string(),
  name: z.string(),
  assetType: z.enum(ASSET_TYPES),
  criticality: z.enum(CRITICALITIES),
  status: z.enum(ASSET_STATUSES).describe("Lifecycle status"),
  ownerUserId: z.string().nullable(),
  ownerText: z.string().nullable(),
  owner: z
    .object({ id: z.string().nullable(), name: z.string() })
    .nullable()
    .describe("The owning user (with id) or the free-text owner (id null)"),
  hostname: z.string(),
  ipAddresses: z.array(z.string()),
  os: z.string(),
  location: z.string(),
  tags: z.array(z.string()),
  description: z.string().describe("Markdown"),
  managedBy: z.string().nullable().describe('"warden" for the host Warden runs on, kept current by it'),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
  version: z.number().int(),
});

const refSchema = z.object({
  id: z.string(),
  name: z.string(),
  assetType: z.enum(ASSET_TYPES),
  criticality: z.enum(CRITICALITIES),
  status: z.enum(ASSET_STATUSES),
});

const detailsSchema = assetSchema.extend({
  dependencies: z.array(refSchema).describe("Assets this one depends on"),
  dependents: z.array(refSchema).describe("Assets that depend on this one"),
});

const pairParams = idParams.extend({ otherId: z.string().min(1).max(64) });

/** The columns of an asset export; lists are space-separated. */
const CSV_COLUMNS: CsvColumn<AssetView>[] = [
  ...fieldColumns<AssetView>("id", "name", "assetType", "criticality", "status"),
  ...personColumns<AssetView>("owner"),
  ...fieldColumns<AssetView>("hostname"),
  { header: "ip_addresses", value: (a) => a.ipAddresses.join(" ") },
  ...fieldColumns<AssetView>("os", "location"),
  { header: "tags", value: (a) => a.tags.join(" ") },
  ...fieldColumns<AssetView>("managedBy"),
  ...timeColumns<AssetView>("createdAt", "updatedAt"),
];

/** Assets as a record kind: the standard routes of the record kit (deleted for good, no workflow). */
const assetRecords = defineRecordApi({
  kind: ASSET,
  tag: "Assets",
  schema: assetSchema,
  query: assetQuerySchema,
  columns: CSV_COLUMNS,
  queries: assetQueries,
  create: { summary: "Add an asset", body: newAssetSchema, run: createAsset },
  get: {
    summary: "One asset with its dependencies and dependents",
    schema: detailsSchema,
    run: getAsset,
  },
  update: {
    description:
      "Send the version you read as `version` or as `If-Match`; if the asset changed since, the answer is 409 and nothing is written. Without either: 428. Sending `ownerUserId` or `ownerText` replaces the owner.",
    body: assetPatchSchema,
    run: updateAsset,
  },
  delete: {
    summary: "Delete an asset",
    description:
      "Deletes the asset and its own dependencies. Refused with 409, naming them, while other assets depend on it.",
    run: deleteAsset,
    refused: { 409: { description: "Other assets depend on it" } },
  },
  last: (router) =>
    router
      .post(
        "/:id/dependencies/:otherId",
        {
          summary: "Record that an asset depends on another",
          permission: router.may("update"),
          description:
            "201 when added, 200 when it was there already. 422 for the asset itself or when the other asset already depends on this one (a cycle); 404 when either does not exist.",
          params: pairParams,
          responses: madeOrFound(detailsSchema, "Added; the asset with its dependencies", "Already recorded"),
        },
        async (c, { params }) => {
          const { id, otherId } = params;
          const { created, asset } = await addDependency(
            router.svc,
            actorOf(c),
            id,
            otherId,
            router.facts(c),
          );
          return c.json(asset, created ? 201 : 200);
        },
      )
      .delete(
        "/:id/dependencies/:otherId",
        {
          summary: "Remove a dependency",
          permission: router.may("update"),
          params: pairParams,
          responses: { 204: { description: "Removed" } },
        },
        async (c, { params }) => {
          await removeDependency(router.svc, actorOf(c), params.id, params.otherId, router.facts(c));
          return c.body(null, 204);
        },
      ),
});

/**
 * Assets, the CMDB (read: every role; write and dependencies: analysts and up; delete: admins):
 * - GET    /api/v1/cmdb/assets                list: page, pageSize ≤ 200, sort, q, assetType, criticality, status, tag
 * - GET    /api/v1/cmdb/assets/export         the same filters, all rows, as CSV or JSON
 * - POST   /api/v1/cmdb/assets                add one (201 + Location)
 * - GET    /api/v1/cmdb/assets/:id            one, with dependencies and dependents (ETag = version)
 * - PATCH  /api/v1/cmdb/assets/:id            edit against a version (field or If-Match); stale: 409
 * - DELETE /api/v1/cmdb/assets/:id            delete; 409 while others depend on it
 * - POST   /api/v1/cmdb/assets/:id/dependencies/:otherId   it depends on otherId; a cycle: 422
 * - DELETE /api/v1/cmdb/assets/:id/dependencies/:otherId   it no longer does
 */
export function assetsApi(deps: AppDeps): ApiRouter {
  return recordApi(assetRecords, deps, { db: deps.database.db, bus: deps.bus });
}
