/**
 * Strict input: a body field or query parameter an /api/v1 route does not take is a 422
 * naming it, never silently dropped. The routes are walked from the OpenAPI document, so a
 * new route is covered without a line here.
 */
import { beforeAll, describe, expect, test } from "bun:test";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { metric, postRule } from "../helpers/rules.ts";
import { postForm } from "../pages/helpers.ts";

type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  [key: string]: unknown;
};
interface Operation {
  parameters: { name: string; in: string; schema: JsonSchema }[];
  requestBody?: { content: { "application/json": { schema: JsonSchema } } };
}

let operations: { method: string; path: string; op: Operation }[];
// The walks send some 2,000 requests as one user, 20 of them sign-ins: no rate limits.
const t = useTestApp({ rateLimit: { enabled: false }, auth: { loginAttemptsPerMinute: 1000 } });
beforeAll(async () => {
  const doc = (await (await t.as(null, "/api/v1/openapi.json")).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method, path, op })),
  );
});

/** A value each path parameter's schema accepts, so only the unknown input is wrong. */
function concrete(path: string, op: Operation): string {
  return path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const schema = op.parameters.find((p) => p.in === "path" && p.name === name)?.schema ?? {};
    if (Array.isArray(schema.enum)) return String(schema.enum[0]);
    if (schema.type === "integer" || schema.type === "number") return "4194000";
    if (name === "id" && path.startsWith("/api/v1/windows")) return "0x00400007";
    return "none";
  });
}

/** Problem fields of a 422 answer; fails on any other status. */
async function fieldsOf(res: Response): Promise<Record<string, string>> {
  expect(res.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await res.json()) as { status: number; errors?: { field: string; message: string }[] };
  expect(problem.status).toBe(422);
  return Object.fromEntries((problem.errors ?? []).map((e) => [e.field, e.message]));
}

/** Every object with named properties in `schema`, with the JSON path that reaches it. */
function objectsIn(schema: unknown, at = "#"): { at: string; node: JsonSchema }[] {
  if (!schema || typeof schema !== "object") return [];
  const node = schema as JsonSchema;
  const own = node.type === "object" && node.properties ? [{ at, node }] : [];
  return [
    ...own,
    ...Object.entries(node).flatMap(([key, value]) =>
      Array.isArray(value)
        ? value.flatMap((v, i) => objectsIn(v, `${at}/${key}/${i}`))
        : objectsIn(value, `${at}/${key}`),
    ),
  ];
}

describe("unknown input is refused (walked from the OpenAPI document)", () => {
  test("the walk finds routes with bodies and routes with query parameters", () => {
    expect(operations.filter((o) => o.op.requestBody).length).toBeGreaterThan(40);
    expect(operations.filter((o) => o.op.parameters.some((p) => p.in === "query")).length).toBeGreaterThan(
      10,
    );
  });

  test("every request body: an unknown field is a 422 naming it (as an admin)", async () => {
    const failures: string[] = [];
    for (const { method, path, op } of operations.filter((o) => o.op.requestBody)) {
      const res = await t.as(
        "admin",
        concrete(path, op),
        jsonInit({ zzUnknownField: 1 }, method.toUpperCase()),
      );
      if (res.status !== 422) {
        failures.push(`${method} ${path} → ${res.status}`);
        continue;
      }
      const fields = await fieldsOf(res);
      if (!fields.zzUnknownField?.startsWith("Unknown field"))
        failures.push(`${method} ${path}: ${JSON.stringify(fields)}`);
    }
    expect(failures).toEqual([]);
  });

  test("every route: an unknown query parameter is a 422 naming it (as an admin)", async () => {
    const failures: string[] = [];
    for (const { method, path, op } of operations) {
      const init = op.requestBody ? jsonInit({}, method.toUpperCase()) : { method: method.toUpperCase() };
      const res = await t.as("admin", `${concrete(path, op)}?zzUnknownParam=1`, init);
      if (res.status !== 422) {
        failures.push(`${method} ${path} → ${res.status}`);
        continue;
      }
      const fields = await fieldsOf(res);
      if (fields.zzUnknownParam !== "Unknown query parameter: this route does not take it.")
        failures.push(`${method} ${path}: ${JSON.stringify(fields)}`);
    }
    expect(failures).toEqual([]);
  });

  test("names every object inherits: an unknown field or parameter too, never a 500 (as an admin)", async () => {
    const failures: string[] = [];
    for (const name of ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty"]) {
      for (const { method, path, op } of operations) {
        const body = op.requestBody
          ? { method: method.toUpperCase(), headers: { "Content-Type": "application/json" } }
          : null;
        const asParameter = await t.as(
          "admin",
          `${concrete(path, op)}?${name}=1`,
          body ? { ...body, body: "{}" } : { method: method.toUpperCase() },
        );
        const parameterFields = asParameter.status === 422 ? await fieldsOf(asParameter) : {};
        if (!Object.hasOwn(parameterFields, name))
          failures.push(`${method} ${path}?${name} → ${asParameter.status}`);
        if (!body) continue;
        const asField = await t.as("admin", concrete(path, op), { ...body, body: `{"${name}": 1}` });
        const fieldFields = asField.status === 422 ? await fieldsOf(asField) : {};
        const message = Object.hasOwn(fieldFields, name) ? fieldFields[name] : undefined;
        if (!message?.startsWith("Unknown field"))
          failures.push(`${method} ${path} {${name}} → ${asField.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  test("the document closes every object of every request body (additionalProperties: false)", () => {
    const open = operations.flatMap(({ method, path, op }) =>
      objectsIn(op.requestBody?.content["application/json"].schema)
        .filter(({ node }) => node.additionalProperties !== false)
        .map(({ at }) => `${method} ${path} ${at}`),
    );
    expect(open).toEqual([]);
    const patch = operations.find((o) => o.method === "patch" && o.path === "/api/v1/incidents/{id}");
    expect(patch?.op.requestBody?.content["application/json"].schema.additionalProperties).toBe(false);
  });

  test("closing keeps the descriptions of the fields", () => {
    const patch = operations.find((o) => o.method === "patch" && o.path === "/api/v1/incidents/{id}");
    const version = patch?.op.requestBody?.content["application/json"].schema.properties?.version;
    expect(version?.description).toContain("If-Match");
  });
});

describe("a field that belongs to another endpoint", () => {
  test("PATCH an incident with a status: 422 pointing to POST …/status, and nothing changes", async () => {
    const created = await t.as(
      "analyst",
      "/api/v1/incidents",
      jsonInit({ title: "Strict", severity: "low" }),
    );
    const incident = (await created.json()) as { id: string; version: number; status: string; title: string };
    const res = await t.as(
      "analyst",
      `/api/v1/incidents/${incident.id}`,
      jsonInit({ status: "recovery", version: incident.version, title: "Changed" }, "PATCH"),
    );
    expect(res.status).toBe(422);
    const fields = await fieldsOf(res);
    expect(Object.keys(fields)).toEqual(["status"]);
    expect(fields.status).toContain("status changes with POST /api/v1/incidents/{id}/status");
    const after = (await (
      await t.as("analyst", `/api/v1/incidents/${incident.id}`)
    ).json()) as typeof incident;
    expect(after.status).toBe("new");
    expect(after.title).toBe("Strict");
    expect(after.version).toBe(incident.version);
  });

  test("a list asked for an export's format: 422 pointing to the export", async () => {
    const res = await t.as("viewer", "/api/v1/incidents?format=csv");
    expect(await fieldsOf(res)).toEqual({
      format: "Unknown query parameter here: format is a parameter of GET /api/v1/incidents/export.",
    });
  });

  test("nested objects are closed too, naming the nested field", async () => {
    const res = await postRule(t, "admin", "Nested", metric("load1", ">", 1000, { extra: true }));
    expect(await fieldsOf(res)).toEqual({ "condition.extra": "Unknown field: this route does not take it." });
  });
});

describe("pages keep reading forms with the same schemas", () => {
  test("a form post with a field the API would refuse still works on the page", async () => {
    const res = await postForm(t, "analyst", "/incidents", {
      title: "From a form",
      severity: "low",
      extra: "1",
    });
    expect(res.status).toBe(303);
  });
});
