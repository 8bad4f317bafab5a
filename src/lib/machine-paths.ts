/** The paths outside `/api/` that programs call: an event stream, the metrics, the probes. */
const MACHINE_PATHS = new Set(["/events", "/metrics", "/healthz", "/readyz"]);

/**
 * Paths answered for programs rather than people: errors there are problem+json and an
 * anonymous request gets 401, never a redirect to the sign-in page (an EventSource or an
 * API client cannot follow one).
 */
export function isMachinePath(path: string): boolean {
  return path.startsWith("/api/") || MACHINE_PATHS.has(path);
}
