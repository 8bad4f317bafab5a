/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";

/**
 * The interactive API reference: Swagger UI served from our own assets, started by
 * public/js/api-docs.js (no inline script), reading /api/v1/openapi.json.
 */
export function ApiDocsPage({ view }: { view: ViewContext }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={view.locale}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{view.t("apiDocs.title")} · Warden</title>
          <link rel="icon" href={view.asset("img/favicon.svg")} type="image/svg+xml" />
          <link rel="stylesheet" href={view.asset("vendor/swagger/swagger-ui.css")} />
          <script src={view.asset("vendor/swagger/swagger-ui-bundle.js")} defer />
          <script src={view.asset("js/api-docs.js")} defer />
        </head>
        <body>
          <div id="swagger-ui" data-spec-url="/api/v1/openapi.json" />
        </body>
      </html>
    </>
  );
}
