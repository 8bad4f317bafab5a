import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import type { Config } from "../config/schema.ts";
import { Forbidden } from "../lib/errors.ts";

/**
 * The host name of a `Host` header value (`name:port`, `[v6]:port`), lower-cased and without
 * the trailing dot of a fully qualified name; "" when it cannot be read (refused), null when
 * there is no header.
 */
function hostName(header: string | undefined): string | null {
  if (header === undefined) return null;
  const url = URL.parse(`http://${header.trim()}`);
  if (!url || url.username || url.pathname !== "/" || url.search || url.hash) return "";
  return url.hostname
    .replace(/^\[(.*)\]$/, "$1")
    .replace(/\.$/, "")
    .toLowerCase();
}

/** The host name of a configured URL, or null. */
function urlHost(url: string | null): string | null {
  return url ? hostName(new URL(url).host) || null : null;
}

/**
 * Whether Warden answers to the host name `name`: an IP address (no DNS name, so no DNS
 * rebinding), `localhost` and its subdomains, the host of `notifications.publicUrl`, the
 * passkeys' relying party and origins, and each entry of `server.allowedHosts` (a name, or
 * `.example.com` for it and its subdomains, or `*` for any).
 */
export function answersTo(config: Config, name: string): boolean {
  if (name === "") return false;
  if (isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost")) return true;
  const known = [
    urlHost(config.notifications.publicUrl),
    config.auth.passkeys.rpId?.toLowerCase() ?? null,
    ...config.auth.passkeys.origins.map(urlHost),
  ];
  if (known.includes(name)) return true;
  return config.server.allowedHosts.some((entry) => {
    const allowed = entry.toLowerCase();
    if (allowed === "*") return true;
    if (allowed.startsWith(".")) return name === allowed.slice(1) || name.endsWith(allowed);
    return name === allowed;
  });
}

/**
 * Refuses (403) a request whose `Host` names a host Warden does not answer to (see
 * {@link answersTo}), or behind a trusted proxy (`server.trustProxy`) whose
 * `X-Forwarded-Host`, which the same-origin check then takes as Warden's own, does. A web
 * page whose DNS name is rebound to Warden's address would otherwise be same-origin with it:
 * it could pass the same-origin check of a form post (the first-run setup, a sign-in) and
 * read what Warden answers anonymously. A `Host` that cannot be read is refused too.
 */
export function allowedHosts(config: () => Config): MiddlewareHandler {
  return async function allowedHostsMiddleware(c, next) {
    const current = config();
    const forwarded = current.server.trustProxy ? c.req.header("X-Forwarded-Host")?.split(",")[0] : undefined;
    for (const header of [c.req.header("Host"), forwarded]) {
      const name = hostName(header);
      if (name !== null && !answersTo(current, name))
        throw new Forbidden(
          `Warden does not answer to the host name ${name || header}. Add it to server.allowedHosts (or set notifications.publicUrl) to open Warden under that name.`,
        );
    }
    await next();
  };
}

/**
 * Whether Warden, listening on `config.server.host`, is likely opened under a name it does not
 * answer to: it listens beyond loopback, yet no name is configured (`server.allowedHosts`,
 * `notifications.publicUrl`). Worth a warning at start.
 */
export function namesUnlisted(config: Config): boolean {
  const host = config.server.host;
  const loopback = host === "localhost" || host === "::1" || host.startsWith("127.");
  return !loopback && config.server.allowedHosts.length === 0 && config.notifications.publicUrl === null;
}
