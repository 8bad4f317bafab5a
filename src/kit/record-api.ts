import type { z } from "zod";
import type { ConfigSource } from "../config/live.ts";
import { API_BASE } from "../lib/api-path.ts";
import type { ApiResponseSpec, ApiRouter } from "../lib/api-router.ts";
import { withArticle } from "../lib/article.ts";
import type { CsvColumn } from "../lib/csv.ts";
import type { Actor } from "./actor.ts";
import type { RequestFacts } from "./audit.ts";
import type { RecordKind } from "./record-kind.ts";
import { ResourceRouter, type RouteText, type Versioned } from "./resource-router.ts";

/**
 * A route that only removes or restores: its service function, or that with its own texts and
 * the refusals it names besides the kit's (`refused`: a restore's 409 for a record that is not
 * deleted is always there).
 */
type RemovalRoute<S> =
  | RemovalRun<S>
  | (RouteText & { run: RemovalRun<S>; refused?: Record<number, ApiResponseSpec> });
type RemovalRun<S> = (svc: S, actor: Actor, id: string, request: RequestFacts) => Promise<unknown>;

/** A change against the version read (`version` in the body or `If-Match`). */
type VersionedChange = { version?: number | undefined };

/**
 * A write of the service: it takes the validated body (with the version from `If-Match`
 * when the body has none) and answers the record as written.
 */
type RecordWrite<S, B extends VersionedChange> = (
  svc: S,
  actor: Actor,
  id: string,
  change: B & { version: number | undefined },
  request: RequestFacts,
) => Promise<Versioned>;

/**
 * One kind of record (incidents, assets, …) as its API serves it: where, under which RBAC
 * resource, what a record looks like, how its list is queried and exported, and the
 * service functions behind each standard route. `S` is what those functions are given
 * (database, bus, caches …); `Q`, `C`, `P` and `M` are what the query, create, edit and
 * status schemas parse to, so the services' inputs are checked against the schemas.
 */
export interface RecordApiDefinition<S, Q, Row, C, P extends VersionedChange, M extends VersionedChange> {
  /**
   * The kind's names: the routes are below `api`; `many` is the RBAC resource (`read` lists
   * and reads, `create` creates, `update` edits and moves, `delete` deletes and restores)
   * and the export's file name; `one` is the record in the reference's texts.
   */
  kind: RecordKind;
  /** The routes' group in the API reference. */
  tag: string;
  /** A record as the API returns it (list items, writes). */
  schema: z.ZodType;
  /** The list's query: its filters, sort keys and paging. */
  query: z.ZodObject & z.ZodType<Q>;
  /** The columns of a CSV export. */
  columns: CsvColumn<Row>[];
  /** How its list is read (`defineRecordQueries`): one page of the records matching a query, and every one of them. */
  queries: {
    list: (svc: NoInfer<S>, actor: Actor, query: Q) => Promise<object>;
    export: (svc: NoInfer<S>, actor: Actor, query: Q) => Promise<Row[]>;
  };
  /**
   * `GET /:id`: `ok` describes the answer ("The incident; ETag carries its version" unless
   * said), `schema` when it is more than a record (its timeline …).
   */
  get: RouteText & {
    ok?: string;
    schema?: z.ZodType;
    run: (svc: S, actor: Actor, id: string) => Promise<Versioned>;
  };
  /** `POST /`; records without it are created otherwise (an alert is raised). */
  create?: RouteText & {
    body: z.ZodType<C>;
    run: (svc: S, actor: Actor, input: C, request: RequestFacts) => Promise<Versioned & { id: string }>;
  };
  /** `PATCH /:id` ("Edit an incident" unless said). */
  update: Partial<RouteText> & { body: z.ZodType<P>; run: RecordWrite<S, P> };
  /**
   * `POST /:id/status`: a move in the record's workflow ("Move an incident along its workflow"
   * unless said); `versionOptional` when the service applies a move without a version to the
   * record as it is now (`workflowMove`'s option) instead of refusing it with 428.
   */
  status?: Partial<RouteText> & { body: z.ZodType<M>; run: RecordWrite<S, M>; versionOptional?: boolean };
  /** `DELETE /:id` ("Delete an incident (restorable)" unless said). */
  delete: RemovalRoute<S>;
  /** `POST /:id/restore`, for soft-deleted records ("Restore a deleted incident" unless said). */
  restore?: RemovalRoute<S>;
  /*
   * The module's own routes, by where they are mounted among the standard ones (the mount
   * order is the order of the API reference and the order Hono matches in); each gets a
   * `ResourceRouter` on `resource`, so they are service calls too.
   */
  /** After list and export, before create: routes on the collection (`/import`). */
  collection?: (router: ResourceRouter<S>) => void;
  /** After edit and status, before delete: actions on one record (`/:id/comments`). */
  record?: (router: ResourceRouter<S>) => void;
  /** After delete and restore. */
  last?: (router: ResourceRouter<S>) => void;
}

/** Declares a record kind's API; an identity that lets TypeScript infer and check its types. */
export function defineRecordApi<S, Q, Row, C, P extends VersionedChange, M extends VersionedChange>(
  definition: RecordApiDefinition<S, Q, Row, C, P, M>,
): RecordApiDefinition<S, Q, Row, C, P, M> {
  return definition;
}

/** A removal route's service function and texts, with the defaults when it gave none. */
function removal<S>(route: RemovalRoute<S>, summary: string): Exclude<RemovalRoute<S>, RemovalRun<S>> {
  return typeof route === "function" ? { summary, run: route } : route;
}

/**
 * The API of a record kind, in this order: list, export, (`collection`), create, get, edit,
 * status, (`record`), delete, restore, (`last`). Each standard route calls the
 * definition's service function with `svc`, the caller and, for writes, the request's
 * facts for the audit log (read with the app's `config`).
 */
export function recordApi<S, Q, Row, C, P extends VersionedChange, M extends VersionedChange>(
  def: RecordApiDefinition<S, Q, Row, C, P, M>,
  { config }: { config: ConfigSource },
  svc: S,
): ApiRouter {
  const { one: noun, many: plural, api } = def.kind;
  const router = new ResourceRouter(api.slice(API_BASE.length), def.tag, { svc, config, resource: plural });
  const written = (text: Partial<RouteText>, summary: string) => ({
    summary: text.summary ?? summary,
    description: text.description,
  });
  const { create, status } = def;
  const remove = removal(def.delete, `Delete ${withArticle(noun)} (restorable)`);
  const restore = def.restore && removal(def.restore, `Restore a deleted ${noun}`);

  router
    .list({ plural, filters: def.query, item: def.schema }, def.queries.list)
    .exportRows({ noun, plural, filters: def.query, columns: def.columns }, def.queries.export);
  def.collection?.(router);
  if (create)
    router.create(
      {
        ...written(create, create.summary),
        body: create.body,
        ok: { description: "Created", schema: def.schema },
        etag: true,
      },
      create.run,
    );
  const ok = {
    description: def.get.ok ?? `The ${noun}; ETag carries its version`,
    schema: def.get.schema ?? def.schema,
  };
  router.readOne({ summary: def.get.summary, ok, etag: true }, def.get.run).versioned(
    "/:id",
    {
      ...written(def.update, `Edit ${withArticle(noun)}`),
      method: "patch",
      body: def.update.body,
      ok: { description: "Updated", schema: def.schema },
    },
    def.update.run,
  );
  if (status)
    router.versioned(
      "/:id/status",
      {
        ...written(status, `Move ${withArticle(noun)} along its workflow`),
        body: status.body,
        versionOptional: status.versionOptional,
        ok: { description: "Moved", schema: def.schema },
      },
      status.run,
    );
  def.record?.(router);
  router.remove({ ...written(remove, remove.summary), gone: "Deleted", refused: remove.refused }, remove.run);
  if (restore)
    router.act(
      "/:id/restore",
      {
        ...written(restore, restore.summary),
        action: "delete",
        ok: { description: "Restored", schema: def.schema },
        refused: { 409: { description: `The ${noun} is not deleted` }, ...restore.refused },
      },
      (svc, actor, id, _body, request) => restore.run(svc, actor, id, request),
    );
  def.last?.(router);
  return router;
}
