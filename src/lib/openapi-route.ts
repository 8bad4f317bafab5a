import { z } from "zod";
import { ApiRouter, type RegisteredRoute } from "./api-router.ts";

/**
 * The API's own description:
 * - GET /api/v1/openapi.json  OpenAPI 3.1 document generated from every declared route.
 * Built on its first request and kept as JSON text: the document's objects (and what zod
 * computes while converting the schemas) would hold several MiB more of the heap.
 */
export function openApiRoutes(allRoutes: () => RegisteredRoute[], version: string): ApiRouter {
  let cached: string | null = null;
  return new ApiRouter("", "Meta").get(
    "/openapi.json",
    {
      summary: "OpenAPI 3.1 document of this API",
      public: true,
      responses: { 200: { description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) } },
    },
    (c) => {
      // Its builder (and the JSON Schema conversion) loads with the first request too.
      const { buildOpenApiDocument }: typeof import("./openapi.ts") = require("./openapi.ts");
      cached ??= JSON.stringify(buildOpenApiDocument(allRoutes(), { title: "Warden API", version }));
      return c.body(cached, 200, { "Content-Type": "application/json" });
    },
  );
}
