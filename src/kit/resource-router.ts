import type { Context } from "hono";
import { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import { type ApiResponseSpec, ApiRouter } from "../lib/api-router.ts";
import { actorOf } from "../lib/context.ts";
import { createdResponse } from "../lib/created-response.ts";
import { type CsvColumn, toCsv } from "../lib/csv.ts";
import { requestFacts } from "../lib/request-facts.ts";
import { sharedJson } from "../lib/shared-json.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import type { Action, Resource } from "./rbac.ts";
import { cursorPageOf, idParams, pageOf } from "./record-schemas.ts";

type Schema = z.ZodType | undefined;
type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** A record as written: its version is its ETag. */
export interface Versioned {
  version: number;
}

/** What the API reference says of a route. */
export interface RouteText {
  summary: string;
  description?: string;
}

/** Whether an answer carries the record's version (when it has one) as its ETag. */
type Tagged = { etag?: boolean };

/** Sets the ETag of an answer from its record's version, when it has one. */
function tag(c: Context, result: unknown): void {
  const version = (result as Partial<Versioned> | null)?.version;
  if (typeof version === "number") c.header("ETag", `"${version}"`);
}

/** The version an `If-Match` header names (`"3"` or `W/"3"`), if any (optimistic concurrency). */
function ifMatchVersion(c: Context): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(c.req.header("If-Match")?.trim() ?? "");
  return match ? Number(match[1]) : undefined;
}

/** A read: its input schemas, the action it needs (`read` unless said) and its answer. */
type ReadSpec<P, Q> = RouteText & Tagged & { params?: P; query?: Q; action?: Action; ok: ApiResponseSpec };

/**
 * An action on one record (`/:id/…`): its body, the action it needs (`update` unless said),
 * its answer (`ok`, with `status` 200 unless said; 204 answers no body) and the refusals the
 * reference names (`refused`), the `method` (POST unless said), and `ifMatch` when the
 * body's `version` may come from `If-Match` instead. The reference adds the refusals every
 * such route gives (404 for the record, 409/428 with a `version`; see `ApiRouteSpec`), and
 * `versionOptional` when a write without a version applies to the record as it is now.
 */
type ActionSpec<B> = RouteText &
  Tagged & {
    method?: "post" | "put" | "patch";
    body?: B;
    action?: Action;
    ok: ApiResponseSpec;
    status?: 200 | 201 | 204;
    refused?: Record<number, ApiResponseSpec>;
    ifMatch?: boolean;
    versionOptional?: boolean;
  };

/** A creation (`POST /`): its body, its answer (201, or 202 when it is only `queued`). */
type CreateSpec<B> = RouteText & Tagged & { body: B; ok: ApiResponseSpec; queued?: boolean };

/**
 * An `ApiRouter` for the routes of one RBAC resource whose handlers are service calls: it
 * knows the services' dependencies (`svc`), the resource every permission names and how to
 * read the request's facts for the audit log, so a route states only what it says and
 * which service function answers it.
 */
export class ResourceRouter<S> extends ApiRouter {
  readonly svc: S;
  readonly resource: Resource;
  readonly #config: ConfigSource;

  /**
   * @param prefix Path below `/api/v1`.
   * @param tag Group name in the API reference.
   */
  constructor(prefix: string, tag: string, of: { svc: S; resource: Resource; config: ConfigSource }) {
    super(prefix, tag);
    this.svc = of.svc;
    this.resource = of.resource;
    this.#config = of.config;
  }

  /** The permission `action` on this router's resource. */
  may(action: Action): { action: Action; resource: Resource } {
    return { action, resource: this.resource };
  }

  /** `GET path`: `run` answers JSON (200) from the validated params and query. */
  read<P extends Schema, Q extends Schema>(
    path: string,
    spec: ReadSpec<P, Q>,
    run: (svc: S, actor: Actor, input: { params: Infer<P>; query: Infer<Q> }) => Promise<unknown>,
  ): this {
    const { ok, action, etag, ...text } = spec;
    return this.get(
      path,
      { ...text, permission: this.may(action ?? "read"), responses: { 200: ok } },
      async (c, input) => {
        const result = await run(this.svc, actorOf(c), input as never);
        if (etag) tag(c, result);
        return c.json(result);
      },
    );
  }

  /** `GET /:id`: `run` answers one record as JSON. */
  readOne(
    spec: RouteText & Tagged & { ok: ApiResponseSpec },
    run: (svc: S, actor: Actor, id: string) => Promise<unknown>,
  ): this {
    return this.read("/:id", { ...spec, params: idParams }, (svc, actor, { params }) =>
      run(svc, actor, params.id),
    );
  }

  /**
   * `POST path` (or `method`) on one record, `/:id/…`: `run` acts on it with the validated
   * body and the request's facts; the answer is its result as JSON.
   */
  act<B extends Schema>(
    path: string,
    spec: ActionSpec<B>,
    run: (svc: S, actor: Actor, id: string, body: Infer<B>, request: RequestFacts) => Promise<unknown>,
  ): this {
    const { ok, action, status = 200, method = "post", refused, ifMatch, etag, ...text } = spec;
    const route = {
      ...text,
      permission: this.may(action ?? "update"),
      params: idParams,
      responses: { [status]: ok, ...refused },
    };
    return this[method](path, route, async (c, { params, body }) => {
      // A write's version: the body's own, else the one `If-Match` names (neither: the service answers 428).
      const sent = body as { version?: number };
      const input = ifMatch ? { ...sent, version: sent.version ?? ifMatchVersion(c) } : body;
      const result = await run(this.svc, actorOf(c), params.id, input as Infer<B>, this.facts(c));
      if (etag) tag(c, result);
      return status === 204 ? c.body(null, 204) : c.json(result, status);
    });
  }

  /**
   * `act` for a write against the version read — the body's `version`, else `If-Match`'s
   * (neither: the service answers 428); the answer's version is its new ETag.
   */
  versioned<B extends z.ZodType<{ version?: number | undefined }>>(
    path: string,
    spec: Omit<ActionSpec<B>, "ifMatch" | "etag"> & { body: B },
    run: (
      svc: S,
      actor: Actor,
      id: string,
      change: z.output<B> & { version: number | undefined },
      request: RequestFacts,
    ) => Promise<unknown>,
  ): this {
    // With `ifMatch`, `act` hands `run` the body with its version filled in.
    return this.act(path, { ...spec, ifMatch: true, etag: true }, (svc, actor, id, body, request) =>
      run(svc, actor, id, body as z.output<B> & { version: number | undefined }, request),
    );
  }

  /** `POST /`: `run` creates from the validated body; 201 (or 202) with its `Location`. */
  create<B extends z.ZodType>(
    spec: CreateSpec<B>,
    run: (svc: S, actor: Actor, body: z.output<B>, request: RequestFacts) => Promise<{ id: string }>,
  ): this {
    const { ok, queued, etag, ...text } = spec;
    const status = queued ? 202 : 201;
    const route = { ...text, permission: this.may("create"), responses: { [status]: ok } };
    return this.post("/", route, async (c, { body }) => {
      const created = await run(this.svc, actorOf(c), body as z.output<B>, this.facts(c));
      if (etag) tag(c, created);
      return createdResponse(c, `/api/v1${this.prefix}`, created, status);
    });
  }

  /**
   * `GET /`: `run` answers one page of the records matching the validated query (`filters`);
   * a query that takes a `cursor` answers `nextCursor` and `previousCursor` too.
   */
  list<Q extends z.ZodType>(
    of: { plural: string; filters: Q; item: z.ZodType },
    run: (svc: S, actor: Actor, query: z.output<Q>) => Promise<object>,
  ): this {
    const cursored = of.filters instanceof z.ZodObject && "cursor" in of.filters.shape;
    const schema = cursored ? cursorPageOf(of.item) : pageOf(of.item);
    const ok = { description: `A page of ${of.plural}`, schema };
    const route = { summary: `List ${of.plural}`, permission: this.may("read"), query: of.filters };
    // Cached pages are the same object until the list changes: encoded once (sharedJson).
    return this.get("/", { ...route, responses: { 200: ok } }, async (c, { query }) =>
      sharedJson(c, await run(this.svc, actorOf(c), query as z.output<Q>)),
    );
  }

  /**
   * `GET /export`: every record `rows` finds for the list's filters (page and pageSize
   * ignored), as a CSV or JSON download named `<plural>-<YYYY-MM-DD>.<format>`. The list's
   * keyset cursors (`cursor`, `before`) are no parameters of it: an export is never a page.
   */
  exportRows<Q extends z.ZodObject, Row>(
    of: { noun: string; plural: string; filters: Q; columns: CsvColumn<Row>[] },
    rows: (svc: S, actor: Actor, query: z.output<Q>) => Promise<Row[]>,
  ): this {
    const cursors = Object.keys(of.filters.shape).filter((key) => key === "cursor" || key === "before");
    const filters = of.filters.omit(Object.fromEntries(cursors.map((key) => [key, true])) as never);
    const query = filters.extend({ format: z.enum(["csv", "json"]).default("csv") });
    const route = {
      summary: `Export ${of.plural} as CSV or JSON`,
      description: `Every ${of.noun} matching the filters (page and pageSize are ignored).`,
      permission: this.may("read"),
      query,
      responses: { 200: { description: "A file download" } },
    };
    return this.get("/export", route, async (c, { query }) => {
      const { format } = query as { format: "csv" | "json" };
      const found = await rows(this.svc, actorOf(c), query as z.output<Q>);
      const stamp = new Date().toISOString().slice(0, 10);
      c.header("Content-Disposition", `attachment; filename="${of.plural}-${stamp}.${format}"`);
      if (format === "json") return c.json(found);
      c.header("Content-Type", "text/csv; charset=utf-8");
      return c.body(toCsv(of.columns, found));
    });
  }

  /** `DELETE /:id`: `run` removes the record; 204, `gone` describing it, or a refusal the reference names (`refused`). */
  remove(
    spec: RouteText & { gone: string; refused?: Record<number, ApiResponseSpec> },
    run: (svc: S, actor: Actor, id: string, request: RequestFacts) => Promise<unknown>,
  ): this {
    const { gone, refused, ...text } = spec;
    const route = {
      ...text,
      permission: this.may("delete"),
      params: idParams,
      responses: { 204: { description: gone }, ...refused },
    };
    return this.delete("/:id", route, async (c, { params }) => {
      await run(this.svc, actorOf(c), params.id, this.facts(c));
      return c.body(null, 204);
    });
  }

  /** The request's facts for the audit log. */
  facts(c: Parameters<typeof requestFacts>[0]): RequestFacts {
    return requestFacts(c, this.#config);
  }
}

/** The answers of a route that makes something or finds it there already: 201 `made`, 200 `found`. */
export function madeOrFound(schema: z.ZodType, made: string, found: string): Record<number, ApiResponseSpec> {
  return { 200: { description: found, schema }, 201: { description: made, schema } };
}
