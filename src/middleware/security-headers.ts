import type { MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** The pages that need inline styles (the embedded API reference). */
const INLINE_STYLE_PATH = "/api/docs";

/**
 * Security headers on every response (HSTS with `hsts`, only meaningful over TLS). Scripts
 * only from our own origin: no inline scripts, no eval (Alpine's CSP build, htmx without
 * `hx-on`/`js:` values).
 */
export function securityHeaders({ hsts }: { hsts: boolean }): MiddlewareHandler {
  const build = (inlineStyles: boolean) =>
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: inlineStyles ? ["'self'", "'unsafe-inline'"] : ["'self'"],
        imgSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: hsts ? "max-age=31536000; includeSubDomains" : false,
      referrerPolicy: "strict-origin-when-cross-origin",
      xFrameOptions: "DENY",
      crossOriginResourcePolicy: "same-origin",
      crossOriginOpenerPolicy: "same-origin",
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    });
  const strict = build(false);
  const relaxed = build(true);
  return async function securityHeadersMiddleware(c, next) {
    const handler = c.req.path.startsWith(INLINE_STYLE_PATH) ? relaxed : strict;
    return handler(c, next);
  };
}
