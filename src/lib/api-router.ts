import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import { type Action, assertCan, type Resource } from "../kit/rbac.ts";
import { apiPath } from "./api-path.ts";
import { closedInput, inputKeys } from "./closed-schema.ts";
import { type AppEnv, actorOf } from "./context.ts";
import { BadRequest, type FieldErrors, UnsupportedMediaType, Validation } from "./errors.ts";
import { fieldErrorMap, fieldErrors, refuseNul } from "./validation.ts";

/** HTTP methods an API route can have. */
export type ApiMethod = "get" | "post" | "put" | "patch" | "delete";

/** A JSON response a route declares, by status code. */
export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
}

/** The answers of a WebSocket route: the switch of protocols, or 426 for a request that is no handshake. */
export const UPGRADE_RESPONSES = {
  101: { description: "Switching to the WebSocket protocol" },
  426: { description: "Not a WebSocket handshake" },
} as const satisfies Record<number, ApiResponseSpec>;

/**
 * What a protected route needs of its caller: an action on a resource of the RBAC table, or
 * `"signed-in"` for self-service routes that act only on the caller's own things (profile,
 * own tokens, own notifications).
 */
export type ApiPermission = { action: Action; resource: Resource } | "signed-in";

/**
 * Who may call a route: anyone (`public: true`, the few routes on the auth middleware's
 * public list), or an actor with `permission`. Checked before any input is read, so a caller
 * without it learns nothing from validation.
 */
export type ApiAccess =
  | { public: true; permission?: undefined }
  | { public?: undefined; permission: ApiPermission };

/** Everything the API reference needs to know about one route; the same schemas validate it. */
export type ApiRouteSpec = ApiAccess & {
  summary: string;
  description?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /**
   * For a write against the version read (a body with `version`): true when one sent without
   * a version applies to the record as it is now; otherwise it is refused with 428.
   */
  versionOptional?: boolean;
  /**
   * The answers besides the refusals every route of its kind gives, which the OpenAPI document
   * adds: 401/403, 422, 429, 500; 400/413/415 with a body; 404 with path parameters; 409 and
   * (unless `versionOptional`) 428 with a `version` in the body.
   */
  responses: Record<number, ApiResponseSpec>;
};

/** A registered route: its full path (Hono syntax), method, tag and declaration. */
export interface RegisteredRoute {
  method: ApiMethod;
  path: string;
  tag: string;
  spec: ApiRouteSpec;
}

type RawInput = { params: unknown; query: unknown; body: unknown };

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;

/** A schema a route may declare for its params, query or body. */
type Schema = z.ZodType | undefined;

/** A route's declaration with the schemas of its params, query and body. */
type Spec<P, Q, B = undefined> = ApiRouteSpec & { params?: P; query?: Q; body?: B };

/** A route's handler, given its validated input. */
type Handler<P, Q, B = undefined> = (
  c: Context<AppEnv>,
  input: { params: Infer<P>; query: Infer<Q>; body: Infer<B> },
) => Response | Promise<Response>;

/** The declaration of a route with a body (POST, PUT, PATCH); returns the router for chaining. */
type BodyRoute<R> = <P extends Schema, Q extends Schema, B extends Schema>(
  path: string,
  spec: Spec<P, Q, B>,
  handler: Handler<P, Q, B>,
) => R;

/** The query of a route that declares none: no parameter at all. */
const NO_QUERY = z.strictObject({});

/**
 * A group of `/api/v1` routes declared with zod schemas. Each request is first checked
 * against the route's permission (401/403), then validated by the schemas (422 listing
 * every bad field, 400 for malformed JSON, 415 for a body that is not JSON). The query and
 * body schemas are closed when declared: a field or query parameter a route does not take
 * is a 422 naming it (and, for a field another route of the group takes, that route). The
 * same declarations feed the OpenAPI document, so the reference cannot drift from the code.
 */
export class ApiRouter {
  readonly hono = new Hono<AppEnv>();
  readonly routes: RegisteredRoute[] = [];

  /**
   * @param prefix Path below `/api/v1` this group is mounted at, e.g. `/system`.
   * @param tag Group name in the API reference.
   */
  constructor(
    readonly prefix: string,
    readonly tag: string,
  ) {}

  /** Declares a GET route. */
  get<P extends Schema, Q extends Schema>(path: string, spec: Spec<P, Q>, handler: Handler<P, Q>): this {
    return this.#add("get", path, spec, handler as never);
  }

  /** Declares a POST route. */
  readonly post: BodyRoute<this> = (path, spec, handler) => this.#add("post", path, spec, handler as never);

  /** Declares a PUT route (replaces a whole resource). */
  readonly put: BodyRoute<this> = (path, spec, handler) => this.#add("put", path, spec, handler as never);

  /** Declares a PATCH route. */
  readonly patch: BodyRoute<this> = (path, spec, handler) => this.#add("patch", path, spec, handler as never);

  /** Declares a DELETE route. */
  delete<P extends Schema, Q extends Schema>(path: string, spec: Spec<P, Q>, handler: Handler<P, Q>): this {
    return this.#add("delete", path, spec, handler as never);
  }

  #add(
    method: ApiMethod,
    path: string,
    declared: ApiRouteSpec,
    handler: (c: Context<AppEnv>, input: RawInput) => Response | Promise<Response>,
  ): this {
    const spec: ApiRouteSpec = {
      ...declared,
      query: declared.query && closedInput(declared.query),
      body: declared.body && closedInput(declared.body),
    };
    const route: RegisteredRoute = {
      method,
      path: `${this.prefix}${path === "/" ? "" : path}`,
      tag: this.tag,
      spec,
    };
    this.routes.push(route);
    const unknownParameter = (name: string) => this.#unknownInput(route, "query", name);
    const unknownField = (field: string) => this.#unknownInput(route, "body", field);
    this.hono.on(method.toUpperCase(), path, async (c) => {
      authorize(c, spec);
      const errors = fieldErrorMap();
      const params = spec.params && (await parse(spec.params, c.req.param(), "path", errors));
      const asked = c.req.query();
      refuseNul(asked, "query");
      const query = await parse(spec.query ?? NO_QUERY, asked, "query", errors, unknownParameter);
      const body = spec.body && (await parse(spec.body, await readJson(c), "body", errors, unknownField));
      if (Object.keys(errors).length > 0) throw new Validation(errors);
      return handler(c, { params, query: spec.query && query, body });
    });
    return this;
  }

  /**
   * The message for a query parameter or body field (`key`) `route` does not take: when
   * another route of this group takes it at the top level, it names that route (the one
   * whose path is closest), e.g. "status changes with POST /api/v1/incidents/{id}/status".
   */
  #unknownInput(route: RegisteredRoute, where: "query" | "body", key: string): string {
    const segments = route.path.split("/");
    const shared = (other: RegisteredRoute) => {
      const theirs = other.path.split("/");
      let n = 0;
      while (n < segments.length && segments[n] === theirs[n]) n++;
      return n;
    };
    const owner = this.routes
      .filter((r) => {
        const schema = r.spec[where];
        return r !== route && schema !== undefined && inputKeys(schema).includes(key);
      })
      .reduce<RegisteredRoute | null>((best, r) => (best && shared(best) >= shared(r) ? best : r), null);
    const what = where === "query" ? "Unknown query parameter" : "Unknown field";
    if (!owner) return `${what}: this route does not take it.`;
    const elsewhere = `${owner.method.toUpperCase()} ${apiPath(owner.path)}`;
    return where === "query"
      ? `${what} here: ${key} is a parameter of ${elsewhere}.`
      : `${what} here: ${key} changes with ${elsewhere}.`;
  }
}

/** Throws unless the request's actor may call a route declared with `spec` (public routes: anyone). */
function authorize(c: Context<AppEnv>, spec: ApiRouteSpec): void {
  if (spec.public) return;
  const actor = actorOf(c);
  if (spec.permission !== "signed-in") assertCan(actor, spec.permission.action, spec.permission.resource);
}

async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) throw new UnsupportedMediaType("application/json");
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new BadRequest("The request body is not valid JSON.", { cause: error });
  }
  refuseNul(body, "body");
  return body;
}

/** `value` parsed by `schema`; on failure its problems are added to `errors` (first one per field wins). */
async function parse<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
  errors: FieldErrors,
  unknown?: (path: string) => string,
): Promise<z.infer<T> | undefined> {
  const result = await schema.safeParseAsync(value);
  if (result.success) return result.data;
  for (const [field, message] of Object.entries(fieldErrors(result.error, where, unknown, value)))
    errors[field] ??= message;
  return undefined;
}
