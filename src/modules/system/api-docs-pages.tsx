/** @jsxImportSource hono/jsx */
import { Hono } from "hono";
import { ApiDocsPage } from "../../../views/pages/api-docs/index.tsx";
import type { AppEnv } from "../../lib/context.ts";

/**
 * The interactive API reference:
 * - GET /api/docs  Swagger UI over /api/v1/openapi.json, from embedded assets.
 */
export function apiDocsPages(): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  router.get("/api/docs", (c) => c.html(<ApiDocsPage view={c.get("view")} />));
  return router;
}
