/** @jsxImportSource hono/jsx */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { ErrorPage } from "../../views/pages/error.tsx";
import { DATABASE_RETRY_AFTER_SECONDS, databaseUnavailableCode } from "../db/unavailable.ts";
import type { AppEnv } from "../lib/context.ts";
import {
  AppError,
  MethodNotAllowed,
  NotFound,
  ServiceUnavailable,
  TooManyRequests,
  Validation,
} from "../lib/errors.ts";
import { renderPage } from "../lib/htmx.tsx";
import type { Logger } from "../lib/log.ts";
import { isMachinePath } from "../lib/machine-paths.ts";
import type { problemSchema } from "../lib/openapi.ts";

/** Turns an AppError into an RFC 9457 problem document (`problemSchema`); nothing from `cause` is included. */
export function toProblem(
  error: AppError,
  instance: string,
  requestId?: string,
): z.infer<typeof problemSchema> {
  return {
    type: `urn:warden:problem:${error.code}`,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    instance,
    ...(requestId ? { requestId } : {}),
    ...(error instanceof Validation
      ? { errors: Object.entries(error.fields).map(([field, message]) => ({ field, message })) }
      : {}),
  };
}

/**
 * The one place errors become responses: problem+json under `/api/`, an error page
 * (or, for htmx, the page's main region) elsewhere. Unknown errors are logged with the
 * request id and answered with a generic 500; no stack trace reaches a client. A database
 * that cannot take the work now (locked, full, read-only) is a 503 with `Retry-After`.
 */
export function errorHandler(log: Logger): ErrorHandler<AppEnv> {
  return function handleError(err, c) {
    let error: AppError;
    const unavailable = databaseUnavailableCode(err);
    if (err instanceof AppError) error = err;
    else if (unavailable) {
      log.warn("database unavailable", {
        requestId: c.get("requestId"),
        path: c.req.path,
        code: unavailable,
      });
      error = new ServiceUnavailable(
        "The database cannot take this request right now. Try again in a few seconds.",
      );
      c.header("Retry-After", String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (err instanceof HTTPException && err.status < 500) {
      const detail = err.message || undefined;
      error = new AppError(err.status, "http_error", detail ?? "Request failed", detail);
    } else {
      log.error("unhandled error", { requestId: c.get("requestId"), path: c.req.path, error: err });
      error = new AppError(
        500,
        "internal",
        "Internal error",
        "Something went wrong on our side. Try again; if it keeps failing, report the request id.",
      );
    }
    if (error.status >= 500 && err instanceof AppError)
      log.error("server error", { requestId: c.get("requestId"), error: err });
    if (error instanceof TooManyRequests) c.header("Retry-After", String(error.retryAfterSeconds));
    return respond(c, error);
  };
}

/**
 * 404 for every unknown route, in the same shapes as other errors; a 405 with `Allow` where routes
 * take the path with other methods (`allowedAt` gives them: API paths only, pages keep their 404).
 */
export function notFoundHandler(allowedAt: (path: string) => readonly string[]): NotFoundHandler<AppEnv> {
  return (c) => {
    const allow = allowedAt(c.req.path);
    if (allow.length === 0) return respond(c, new NotFound());
    c.header("Allow", allow.join(", "));
    return respond(c, new MethodNotAllowed(c.req.method, allow));
  };
}

function respond(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  const status = error.status as ContentfulStatusCode;
  // Machine paths get problem+json; the API reference is a page.
  if (isMachinePath(c.req.path) && c.req.path !== "/api/docs")
    return c.body(JSON.stringify(toProblem(error, c.req.path, c.get("requestId"))), status, {
      "Content-Type": "application/problem+json",
    });
  c.status(status);
  const view = c.get("view");
  return renderPage(c, {
    title: view.t("error.title", { status: error.status }),
    content: (
      <ErrorPage
        view={view}
        status={error.status}
        code={error.code}
        title={error.title}
        detail={error.detail}
        requestId={c.get("requestId")}
        params={error instanceof TooManyRequests ? { seconds: error.retryAfterSeconds } : undefined}
        fields={error instanceof Validation ? error.fields : undefined}
      />
    ),
  });
}
