/** Base path of the versioned JSON API. */
export const API_BASE = "/api/v1";

/** The full path of a route as the reference writes it: `/incidents/:id` → `/api/v1/incidents/{id}`. */
export function apiPath(path: string): string {
  return `${API_BASE}${path}`.replace(/:(\w+)/g, "{$1}");
}
