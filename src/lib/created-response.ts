import type { Context } from "hono";

/**
 * The answer to a POST that made something: `body` as JSON with its `Location`
 * (`<base>/<id>`); 201, or 202 when it is only queued (a scan).
 */
export function createdResponse(c: Context, base: string, body: { id: string }, status: 201 | 202 = 201) {
  c.header("Location", `${base}/${body.id}`);
  return c.json(body, status);
}
