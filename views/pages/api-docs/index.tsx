/** @jsxImportSource hono/jsx */
import { raw } from "hono/html";
import type { ViewContext } from "../../../src/lib/context.ts";
import { documentTitle, themeAttribute } from "../../layouts/document-head.tsx";

/**
 * The interactive API reference: Swagger UI served from our own assets, started by
 * public/js/api-docs.js (no inline script), reading /api/v1/openapi.json.
 */
export function ApiDocsPage({ view }: { view: ViewContext }) {
  return (
    <>
      {raw("<!doctype html>")}
      <html lang={view.locale} data-theme={themeAttribute(view)}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{documentTitle(view.t("apiDocs.title"))}</title>
          <link rel="icon" href={view.asset("img/favicon.svg")} type="image/svg+xml" />
          <link rel="stylesheet" href={view.asset("css/tokens.css")} />
          <link rel="stylesheet" href={view.asset("vendor/swagger/swagger-ui.css")} />
          <link rel="stylesheet" href={view.asset("css/api-docs.css")} />
          <script src={view.asset("vendor/swagger/swagger-ui-bundle.js")} defer />
          <script src={view.asset("js/api-docs.js")} defer />
        </head>
        <body>
          <header class="docs-bar">
            <a href="/" class="docs-back">
              <img src={view.asset("img/favicon.svg")} alt="" width="20" height="20" />
              {view.t("apiDocs.back")}
            </a>
            <span class="docs-title">{view.t("apiDocs.title")}</span>
          </header>
          <main id="swagger-ui" data-spec-url="/api/v1/openapi.json" />
        </body>
      </html>
    </>
  );
}
