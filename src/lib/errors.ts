/** A field-level validation problem: dotted field path → message. */
export type FieldErrors = Record<string, string>;

/**
 * Base of every error Warden shows to a client. `status` and `title` are safe to
 * send; `detail` is a safe human sentence; `cause` (never sent) keeps the original.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    options?: { cause?: unknown },
  ) {
    super(detail ?? title, options);
    this.name = new.target.name;
  }
}

/** 400: the request is malformed (bad JSON, wrong shape of a header …). */
export class BadRequest extends AppError {
  constructor(detail?: string, options?: { cause?: unknown }) {
    super(400, "bad_request", "Bad request", detail, options);
  }
}

/** 401: no valid credentials. */
export class Unauthorized extends AppError {
  constructor(detail = "Sign in to continue.") {
    super(401, "unauthorized", "Unauthorized", detail);
  }
}

/** 403: authenticated but not allowed. */
export class Forbidden extends AppError {
  constructor(detail = "You are not allowed to do this.") {
    super(403, "forbidden", "Forbidden", detail);
  }
}

/** 404: no such resource or route. */
export class NotFound extends AppError {
  constructor(detail = "Nothing exists at this address.") {
    super(404, "not_found", "Not found", detail);
  }
}

/** 405: the address exists but does not take this method; `allow` lists the methods it does take. */
export class MethodNotAllowed extends AppError {
  constructor(
    method: string,
    readonly allow: readonly string[],
  ) {
    super(
      405,
      "method_not_allowed",
      "Method not allowed",
      `This address does not take ${method}. It takes ${allow.join(", ")}.`,
    );
  }
}

/** 409: the request conflicts with the current state. */
export class Conflict extends AppError {
  constructor(detail: string) {
    super(409, "conflict", "Conflict", detail);
  }
}

/** 413: the body is larger than `server.bodyLimitBytes`. */
export class PayloadTooLarge extends AppError {
  constructor(limitBytes: number) {
    super(
      413,
      "payload_too_large",
      "Payload too large",
      `The request body exceeds the limit of ${limitBytes} bytes.`,
    );
  }
}

/** 415: a body of a type this endpoint does not read. */
export class UnsupportedMediaType extends AppError {
  constructor(expected: string) {
    super(415, "unsupported_media_type", "Unsupported media type", `Send the body as ${expected}.`);
  }
}

/** 422: the input is well-formed but invalid; `fields` names each problem. */
export class Validation extends AppError {
  constructor(
    readonly fields: FieldErrors,
    detail = "Some fields are invalid.",
  ) {
    super(422, "validation_failed", "Validation failed", detail);
  }
}

/** 429: too many requests; `retryAfterSeconds` becomes the Retry-After header. */
export class TooManyRequests extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      "rate_limited",
      "Too many requests",
      `Too many requests. Try again in ${retryAfterSeconds} s.`,
    );
  }
}

/** 503: a dependency (the database) is not ready. */
export class ServiceUnavailable extends AppError {
  constructor(detail: string) {
    super(503, "unavailable", "Service unavailable", detail);
  }
}
