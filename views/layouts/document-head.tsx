/** @jsxImportSource hono/jsx */
import type { ViewContext } from "../../src/lib/context.ts";

/** htmx settings: no injected indicator <style> (the CSP forbids inline styles), same-origin only. */
const HTMX_CONFIG = JSON.stringify({
  includeIndicatorCSS: false,
  mode: "same-origin",
  defaultTimeout: 30000,
});

/**
 * The <head> every Warden document shares (the shell and the sign-in layout): metadata,
 * our stylesheets, and the scripts as files (the CSP allows no inline script).
 */
export function DocumentHead({ view, title }: { view: ViewContext; title: string }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="color-scheme" content="light dark" />
      <meta name="htmx-config" content={HTMX_CONFIG} />
      <title>{title}</title>
      <link rel="icon" href={view.asset("img/favicon.svg")} type="image/svg+xml" />
      <link rel="stylesheet" href={view.asset("css/tokens.css")} />
      <link rel="stylesheet" href={view.asset("css/components.css")} />
      <link rel="stylesheet" href={view.asset("css/app.css")} />
      <link rel="stylesheet" href={view.asset("css/pages.css")} />
      <link rel="stylesheet" href={view.asset("css/threats.css")} />
      <link rel="stylesheet" href={view.asset("css/risk-evidence.css")} />
      <link rel="stylesheet" href={view.asset("css/risks.css")} />
      <link rel="stylesheet" href={view.asset("css/mfa.css")} />
      <link rel="stylesheet" href={view.asset("vendor/uplot/uPlot.min.css")} />
      <script src={view.asset("vendor/htmx.min.js")} defer />
      <script src={view.asset("js/app.js")} defer />
      <script src={view.asset("vendor/uplot/uPlot.iife.min.js")} defer />
      <script src={view.asset("js/live.js")} defer />
      <script src={view.asset("js/host-live.js")} defer />
      <script src={view.asset("js/risk-trend.js")} defer />
      <script src={view.asset("vendor/simplewebauthn-browser.min.js")} defer />
      <script src={view.asset("js/passkeys.js")} defer />
      <script src={view.asset("vendor/alpine-csp.min.js")} defer />
    </head>
  );
}

/** The document title of a page: its own title, then the product. */
export function documentTitle(title: string): string {
  return `${title} · Warden`;
}

/** The `data-theme` of <html>: absent when the viewer follows the operating system. */
export function themeAttribute(view: ViewContext): "light" | "dark" | undefined {
  return view.theme === "system" ? undefined : view.theme;
}
