import type { Context } from "hono";
import { z } from "zod";
import type { ApiPermission, ApiResponseSpec, ApiRouteSpec } from "../lib/api-router.ts";
import type { AppEnv } from "../lib/context.ts";
import { type CsvColumn, toCsv } from "../lib/csv.ts";
import { ifMatchVersion } from "../lib/if-match.ts";
import { sharedJson } from "../lib/shared-json.ts";
import { cursorPageOf, idParams, pageOf } from "./record-schemas.ts";

/*
 * The routes every record API (incidents, assets, vulnerabilities, documents) has, each
 * as the `[path, spec, handler]` of one `ApiRouter` call: `.get(...getRoute(…))`. The
 * router keeps its own order and its own texts; only the handling is shared.
 */

/** A record as written: its version is its ETag. */
export interface Versioned {
  version: number;
}

/** What the API reference says of a route. */
export interface RouteText {
  summary: string;
  description?: string;
}

/** A route's texts and the permission it needs. */
type PermittedRoute = RouteText & { permission: ApiPermission };

type Handler<I> = (c: Context<AppEnv>, input: I) => Promise<Response>;

type IdInput = { params: z.output<typeof idParams> };

/** The answer with the record, its version as the ETag. */
function tagged(c: Context<AppEnv>, record: Versioned): Response {
  c.header("ETag", `"${record.version}"`);
  return c.json(record);
}

/**
 * A write's body with the version it is made against: the body's own `version`, else the
 * one `If-Match` names (neither: the service answers 428).
 */
export function withIfMatch<B extends { version?: number | undefined }>(
  c: Context,
  body: B,
): B & { version: number | undefined } {
  return { ...body, version: body.version ?? ifMatchVersion(c) };
}

/**
 * `GET /`: one page of the records matching the list's query (`filters`); a list whose
 * query takes a `cursor` (`recordListQuerySchema`) answers `nextCursor` and `previousCursor` too.
 */
export function listRoute<Q extends z.ZodType>(
  of: { plural: string; permission: ApiPermission; filters: Q; item: z.ZodType },
  list: (c: Context<AppEnv>, query: z.output<Q>) => Promise<object>,
): [string, ApiRouteSpec & { query: Q }, Handler<{ query: z.output<Q> }>] {
  return [
    "/",
    {
      summary: `List ${of.plural}`,
      permission: of.permission,
      query: of.filters,
      responses: {
        200: { description: `A page of ${of.plural}`, schema: pageSchemaOf(of.filters, of.item) },
      },
    },
    // Cached pages are the same object until the list changes: encoded once (sharedJson).
    async (c, { query }) => sharedJson(c, await list(c, query)),
  ];
}

/** The response of a list: with `nextCursor` and `previousCursor` when its query takes a cursor. */
function pageSchemaOf(filters: z.ZodType, item: z.ZodType) {
  return filters instanceof z.ZodObject && "cursor" in filters.shape ? cursorPageOf(item) : pageOf(item);
}

/**
 * `GET /export`: every record matching the list's filters (page and pageSize ignored), as
 * a CSV or JSON download named `<plural>-<YYYY-MM-DD>.<format>`.
 */
export function exportRoute<Q extends z.ZodObject, Row>(of: {
  /** The record in the API reference: "incident". */
  noun: string;
  /** The records in the reference and the file name: "incidents". */
  plural: string;
  permission: ApiPermission;
  /** The list's query schema. */
  filters: Q;
  columns: CsvColumn<Row>[];
  rows: (c: Context<AppEnv>, query: z.output<Q>) => Promise<Row[]>;
}): [
  string,
  ApiRouteSpec & { query: z.ZodType<z.output<Q> & { format: "csv" | "json" }> },
  Handler<{ query: z.output<Q> & { format: "csv" | "json" } }>,
] {
  const query = of.filters.extend({
    format: z.enum(["csv", "json"]).default("csv"),
  }) as z.ZodType as z.ZodType<z.output<Q> & { format: "csv" | "json" }>;
  return [
    "/export",
    {
      summary: `Export ${of.plural} as CSV or JSON`,
      description: `Every ${of.noun} matching the filters (page and pageSize are ignored).`,
      permission: of.permission,
      query,
      responses: { 200: { description: "A file download" } },
    },
    async (c, { query }) => {
      const rows = await of.rows(c, query);
      const stamp = new Date().toISOString().slice(0, 10);
      c.header("Content-Disposition", `attachment; filename="${of.plural}-${stamp}.${query.format}"`);
      if (query.format === "json") return c.json(rows);
      c.header("Content-Type", "text/csv; charset=utf-8");
      return c.body(toCsv(of.columns, rows));
    },
  ];
}

/** `POST /`: creates a record; 201 with its `Location` (below `base`) and ETag. */
export function createRoute<B extends z.ZodType>(
  spec: PermittedRoute & { body: B; schema: z.ZodType },
  base: string,
  create: (c: Context<AppEnv>, body: z.output<B>) => Promise<Versioned & { id: string }>,
): [string, ApiRouteSpec & { body: B }, Handler<{ body: z.output<B> }>] {
  const { schema, ...text } = spec;
  return [
    "/",
    { ...text, responses: { 201: { description: "Created", schema } } },
    async (c, { body }) => {
      const record = await create(c, body);
      c.header("Location", `${base}/${record.id}`);
      c.header("ETag", `"${record.version}"`);
      return c.json(record, 201);
    },
  ];
}

/** `GET /:id`: one record, `ok` describing it; its version as the ETag. */
export function getRoute(
  spec: PermittedRoute & { ok: ApiResponseSpec },
  load: (c: Context<AppEnv>, id: string) => Promise<Versioned>,
): [string, ApiRouteSpec & { params: typeof idParams }, Handler<IdInput>] {
  const { ok, ...text } = spec;
  return [
    "/:id",
    { ...text, params: idParams, responses: { 200: ok } },
    async (c, { params }) => tagged(c, await load(c, params.id)),
  ];
}

/**
 * A write on one record against the version read (`version` in the body or `If-Match`),
 * at `path` (`/:id` for PATCH); answers the record as written (`ok`) with its new ETag.
 */
export function versionedRoute<B extends z.ZodType<{ version?: number | undefined }>>(
  path: string,
  spec: PermittedRoute & { body: B; ok: ApiResponseSpec },
  write: (
    c: Context<AppEnv>,
    id: string,
    body: z.output<B> & { version: number | undefined },
  ) => Promise<Versioned>,
): [string, ApiRouteSpec & { params: typeof idParams; body: B }, Handler<IdInput & { body: z.output<B> }>] {
  const { ok, ...text } = spec;
  return [
    path,
    { ...text, params: idParams, responses: { 200: ok } },
    async (c, { params, body }) => tagged(c, await write(c, params.id, withIfMatch(c, body))),
  ];
}

/** `DELETE /:id`: 204 once `remove` is done. */
export function deleteRoute(
  text: PermittedRoute,
  remove: (c: Context<AppEnv>, id: string) => Promise<unknown>,
): [string, ApiRouteSpec & { params: typeof idParams }, Handler<IdInput>] {
  return [
    "/:id",
    { ...text, params: idParams, responses: { 204: { description: "Deleted" } } },
    async (c, { params }) => {
      await remove(c, params.id);
      return c.body(null, 204);
    },
  ];
}

/** `POST /:id/restore`: undoes a soft delete and answers the record (`schema`). */
export function restoreRoute(
  spec: PermittedRoute & { schema: z.ZodType },
  restore: (c: Context<AppEnv>, id: string) => Promise<unknown>,
): [string, ApiRouteSpec & { params: typeof idParams }, Handler<IdInput>] {
  const { schema, ...text } = spec;
  return [
    "/:id/restore",
    { ...text, params: idParams, responses: { 200: { description: "Restored", schema } } },
    async (c, { params }) => c.json(await restore(c, params.id)),
  ];
}
