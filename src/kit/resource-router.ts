import type { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import { type ApiResponseSpec, ApiRouter } from "../lib/api-router.ts";
import { actorOf } from "../lib/context.ts";
import { createdResponse } from "../lib/created-response.ts";
import { requestFacts } from "../lib/request-facts.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import type { Action, Resource } from "./rbac.ts";
import { type RouteText, withIfMatch } from "./record-routes.ts";
import { idParams } from "./record-schemas.ts";

type Schema = z.ZodType | undefined;
type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

/** A read: its input schemas, the action it needs (`read` unless said) and its answer. */
type ReadSpec<P, Q> = RouteText & { params?: P; query?: Q; action?: Action; ok: ApiResponseSpec };

/**
 * An action on one record (`/:id/…`): its body, the action it needs (`update` unless said),
 * its answer (`ok`, with `status` 200 unless said; 204 answers no body) and the refusals the
 * reference names (`refused`), the `method` (POST unless said), and `ifMatch` when the
 * body's `version` may come from `If-Match` instead.
 */
type ActionSpec<B> = RouteText & {
  method?: "post" | "put" | "patch";
  body?: B;
  action?: Action;
  ok: ApiResponseSpec;
  status?: 200 | 201 | 204;
  refused?: Record<number, ApiResponseSpec>;
  ifMatch?: boolean;
};

/** A creation (`POST /`): its body, its answer (201, or 202 when it is only `queued`). */
type CreateSpec<B> = RouteText & { body: B; ok: ApiResponseSpec; queued?: boolean };

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
    const { ok, action, ...text } = spec;
    return this.get(
      path,
      { ...text, permission: this.may(action ?? "read"), responses: { 200: ok } },
      async (c, input) => c.json(await run(this.svc, actorOf(c), input as never)),
    );
  }

  /** `GET /:id`: `run` answers one record as JSON. */
  readOne(
    spec: RouteText & { ok: ApiResponseSpec },
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
    const { ok, action, status = 200, method = "post", refused, ifMatch, ...text } = spec;
    const route = {
      ...text,
      permission: this.may(action ?? "update"),
      params: idParams,
      responses: { [status]: ok, ...refused },
    };
    return this[method](path, route, async (c, { params, body }) => {
      const input = ifMatch ? withIfMatch(c, body as { version?: number }) : body;
      const result = await run(this.svc, actorOf(c), params.id, input as Infer<B>, this.facts(c));
      return status === 204 ? c.body(null, 204) : c.json(result, status);
    });
  }

  /** `POST /`: `run` creates from the validated body; 201 (or 202) with its `Location`. */
  create<B extends z.ZodType>(
    spec: CreateSpec<B>,
    run: (svc: S, actor: Actor, body: z.output<B>, request: RequestFacts) => Promise<{ id: string }>,
  ): this {
    const { ok, queued, ...text } = spec;
    const status = queued ? 202 : 201;
    const route = { ...text, permission: this.may("create"), responses: { [status]: ok } };
    return this.post("/", route, async (c, { body }) => {
      const created = await run(this.svc, actorOf(c), body as z.output<B>, this.facts(c));
      return createdResponse(c, `/api/v1${this.prefix}`, created, status);
    });
  }

  /** `DELETE /:id`: `run` removes the record; 204, `gone` describing it. */
  remove(
    spec: RouteText & { gone: string },
    run: (svc: S, actor: Actor, id: string, request: RequestFacts) => Promise<unknown>,
  ): this {
    const { gone, ...text } = spec;
    const route = {
      ...text,
      permission: this.may("delete"),
      params: idParams,
      responses: { 204: { description: gone } },
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
