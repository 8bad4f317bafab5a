import { z } from "zod";
import { rolesAllowed } from "../kit/rbac.ts";
import { apiPath } from "./api-path.ts";
import type { ApiAccess, RegisteredRoute } from "./api-router.ts";
import { inputKeys } from "./closed-schema.ts";

/** The RFC 9457 problem document every API error is returned as. */
export const problemSchema = z.object({
  type: z.string().describe("URI naming the kind of problem"),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional().describe("Path of the request"),
  requestId: z.string().optional(),
  errors: z
    .array(z.object({ field: z.string(), message: z.string() }))
    .optional()
    .describe("One entry per invalid field (status 422)"),
});

type JsonObject = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonObject {
  const out = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonObject;
  delete out.$schema;
  return out;
}

function objectParameters(schema: z.ZodType | undefined, where: "path" | "query"): JsonObject[] {
  if (!schema) return [];
  const json = jsonSchema(schema, "input");
  const properties = (json.properties ?? {}) as Record<string, JsonObject>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || required.has(name),
    ...(typeof property.description === "string" ? { description: property.description } : {}),
    schema: property,
  }));
}

/** Who may call a route, as the `x-permission` extension and a sentence of its description. */
function permissionOf(access: ApiAccess): { extension: unknown; sentence: string } {
  if (access.public) return { extension: "public", sentence: "Open to anyone." };
  const { permission } = access;
  if (permission === "signed-in")
    return { extension: permission, sentence: "Any signed-in user; acts on the caller's own things." };
  const roles = rolesAllowed(permission.action, permission.resource);
  return {
    extension: permission,
    sentence: `Needs \`${permission.action}\` on \`${permission.resource}\` (${roles.join(", ")}); checked before the input is read.`,
  };
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

/**
 * Builds the OpenAPI 3.1 document from the declared routes. Nothing in it is written
 * by hand: paths, parameters, bodies and responses all come from the zod schemas
 * that validate the requests.
 */
export function buildOpenApiDocument(
  routes: RegisteredRoute[],
  info: { title: string; version: string },
): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  for (const route of routes) {
    const path = apiPath(route.path);
    const { spec } = route;
    const responses: Record<string, JsonObject> = {};
    for (const [status, response] of Object.entries(spec.responses))
      responses[status] = response.schema
        ? {
            description: response.description,
            content: { "application/json": { schema: jsonSchema(response.schema, "output") } },
          }
        : // A refusal a route declares is a problem document, as every error is.
          Number(status) >= 400
          ? problemResponse(response.description)
          : { description: response.description };
    if (spec.body) {
      responses["400"] ??= problemResponse("Malformed request body");
      responses["413"] ??= problemResponse("Request body too large");
      responses["415"] ??= problemResponse("Body is not JSON");
    }
    // A path parameter names something to look up: a name nothing has (any more) is a 404.
    if (spec.params)
      responses["404"] ??= problemResponse("Not found: nothing has the identifier in the path");
    // A write against the version read: a stale one (or a change its record's state does not
    // allow) is a 409; none at all a 428, unless the write then applies to the record as it is.
    if (spec.body && inputKeys(spec.body).includes("version")) {
      responses["409"] ??= problemResponse(
        "Conflict: changed since the version sent, or not allowed in its current state; nothing is written",
      );
      if (!spec.versionOptional)
        responses["428"] ??= problemResponse(
          "Precondition required: the version read was not sent; nothing is written",
        );
    }
    // Any route refuses a query parameter it does not take.
    responses["422"] ??= problemResponse("Invalid input");
    if (!spec.public) {
      responses["401"] ??= problemResponse("Not authenticated");
      responses["403"] ??= problemResponse("Not allowed");
    }
    responses["429"] ??= problemResponse("Rate limited");
    responses["500"] ??= problemResponse("Unexpected error");
    const permission = permissionOf(spec);
    const operation: JsonObject = {
      operationId: `${route.method}${route.path.replace(/[/:{}-](\w)?/g, (_m, ch?: string) => (ch ? ch.toUpperCase() : ""))}`,
      summary: spec.summary,
      description: spec.description ? `${spec.description}\n\n${permission.sentence}` : permission.sentence,
      "x-permission": permission.extension,
      tags: [route.tag],
      security: spec.public ? [] : [{ bearerAuth: [] }],
      parameters: [...objectParameters(spec.params, "path"), ...objectParameters(spec.query, "query")],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { "application/json": { schema: jsonSchema(spec.body, "input") } },
            },
          }
        : {}),
      responses,
    };
    paths[path] ??= {};
    (paths[path] as Record<string, JsonObject>)[route.method] = operation;
  }
  return {
    openapi: "3.1.0",
    info: { title: info.title, version: info.version },
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An access token from POST /api/v1/auth/login, or a personal API token (wdn_…)",
        },
      },
    },
  };
}
