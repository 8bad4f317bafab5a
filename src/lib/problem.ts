import { type AppError, Validation } from "./errors.ts";

/** An RFC 9457 problem document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}

/** Turns an AppError into a problem document; nothing from `cause` is included. */
export function toProblem(error: AppError, instance: string, requestId?: string): Problem {
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
