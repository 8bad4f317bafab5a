/**
 * Paths answered for programs rather than people: errors there are problem+json and an
 * anonymous request gets 401, never a redirect to the sign-in page (an EventSource or an
 * API client cannot follow one).
 */
export function isMachinePath(path: string): boolean {
  return (
    path.startsWith("/api/") ||
    path === "/events" ||
    path === "/metrics" ||
    path === "/healthz" ||
    path === "/readyz"
  );
}
