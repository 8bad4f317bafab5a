import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import type { Config } from "../config/schema.ts";
import { Forbidden } from "../lib/errors.ts";

/** The host name of a `Host` header value (`name:port`, `[v6]:port`), lower-cased, or null when there is none. */
function hostName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return new URL(`http://${header}`).hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  } catch {
    return null;
  }
}

/** The host name of a configured URL, or null. */
function urlHost(url: string | null): string | null {
  return url ? hostName(new URL(url).host) : null;
}

/**
 * Whether Warden answers to the host name `name`: an IP address (no DNS name, so no DNS
 * rebinding), `localhost` and its subdomains, the host of `notifications.publicUrl`, the
 * passkeys' relying party and origins, and each entry of `server.allowedHosts` (a name, or
 * `.example.com` for it and its subdomains, or `*` for any).
 */
export function answersTo(config: Config, name: string): boolean {
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
 * {@link answersTo}). A web page whose DNS name is rebound to Warden's address would
 * otherwise be same-origin with it: it could pass the same-origin check of a form post
 * (the first-run setup, a sign-in) and read what Warden answers anonymously.
 */
export function allowedHosts(config: () => Config): MiddlewareHandler {
  return async function allowedHostsMiddleware(c, next) {
    const name = hostName(c.req.header("Host"));
    if (name !== null && !answersTo(config(), name))
      throw new Forbidden(
        `Warden does not answer to the host name ${name}. Add it to server.allowedHosts (or set notifications.publicUrl) to open Warden under that name.`,
      );
    await next();
  };
}
