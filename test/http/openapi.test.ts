import { beforeAll, describe, expect, test } from "bun:test";
import { API_BASE } from "../../src/lib/api-path.ts";
import { useTestApp } from "../helpers/app.ts";

let doc: { openapi: string; paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
const t = useTestApp();
beforeAll(async () => {
  doc = await (await t.as(null, "/api/v1/openapi.json")).json();
});

describe("OpenAPI document", () => {
  test("is OpenAPI 3.1 with the problem schema", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(JSON.stringify(doc)).toContain("#/components/schemas/Problem");
    const problem = (
      doc as unknown as { components: { schemas: { Problem: { properties: object; $ref?: string } } } }
    ).components.schemas.Problem;
    expect(problem.$ref).toBeUndefined();
    expect(Object.keys(problem.properties)).toEqual([
      "type",
      "title",
      "status",
      "detail",
      "instance",
      "requestId",
      "errors",
    ]);
  });

  test("every route mounted under /api/v1 is documented, and nothing else", () => {
    const mounted = t.app.routes
      .filter((r) => r.path.startsWith(API_BASE) && r.method !== "ALL")
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(mounted.length).toBeGreaterThan(0);
    expect(mounted.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !mounted.includes(r))).toEqual([]);
  });

  test("protected operations require the bearer scheme; public ones do not", () => {
    expect(JSON.stringify(doc)).toContain('"bearerAuth"');
    const ops = doc.paths as unknown as Record<string, Record<string, { security: unknown[] }>>;
    expect(ops["/api/v1/users"]?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(ops["/api/v1/auth/login"]?.post?.security).toEqual([]);
  });

  test("every operation says who may call it (x-permission and its description)", () => {
    const ops = doc.paths as unknown as Record<
      string,
      Record<string, { "x-permission"?: unknown; description: string }>
    >;
    const missing = Object.entries(ops).flatMap(([path, byMethod]) =>
      Object.entries(byMethod)
        .filter(([, op]) => op["x-permission"] === undefined)
        .map(([method]) => `${method} ${path}`),
    );
    expect(missing).toEqual([]);
    const create = ops["/api/v1/users"]?.post;
    expect(create?.["x-permission"]).toEqual({ action: "create", resource: "users" });
    expect(create?.description).toContain("Needs `create` on `users` (admin)");
    expect(ops["/api/v1/incidents/{id}"]?.patch?.description).toContain(
      "Needs `update` on `incidents` (admin, manager, analyst)",
    );
    expect(ops["/api/v1/auth/me"]?.get?.["x-permission"]).toBe("signed-in");
    expect(ops["/api/v1/auth/login"]?.post?.["x-permission"]).toBe("public");
  });

  test("response schemas come from the route's zod declaration", () => {
    const status = doc.paths["/api/v1/system/status"]?.get?.responses["200"] as {
      content: {
        "application/json": { schema: { properties: Record<string, unknown>; required: string[] } };
      };
    };
    const schema = status.content["application/json"].schema;
    expect(Object.keys(schema.properties)).toContain("uptimeSeconds");
    expect(schema.required).toContain("database");
  });

  test("the interactive reference is served from embedded assets", async () => {
    const res = await t.app.request("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/static/vendor/swagger/swagger-ui-bundle.js?v=");
    expect(html).not.toMatch(/https?:\/\//);
    const script = await t.app.request(t.assets.url("vendor/swagger/swagger-ui-bundle.js"));
    expect(script.status).toBe(200);
  });
});
