/** Alert rules as tests create them through the API. */
import type { Role } from "../../src/db/schema/users.ts";
import { jsonInit, type TestApp } from "./app.ts";

/** A metric rule's condition: `series operator threshold`, with `more` (a mount, a clear level…). */
export function metric(
  series: string,
  operator: string,
  threshold: number,
  more: Record<string, unknown> = {},
) {
  return { type: "metric", series, operator, threshold, ...more };
}

/**
 * POSTs an alert rule named `name` on `condition`, with further `fields` (severity, scope…), to
 * `/api/v1/soc/rules` as the seeded user with `role`, and answers the response.
 */
export function postRule(
  t: TestApp,
  role: Role,
  name: string,
  condition: Record<string, unknown>,
  fields: Record<string, unknown> = {},
): Promise<Response> {
  return t.as(role, "/api/v1/soc/rules", jsonInit({ name, condition, ...fields }));
}
