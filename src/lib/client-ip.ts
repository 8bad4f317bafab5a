import type { Context } from "hono";
import { getConnInfo } from "hono/bun";
import type { Config } from "../config/schema.ts";
import { type Cidr, cidrContains, parseCidr } from "./cidr.ts";

const parsedRanges = new WeakMap<readonly string[], Cidr[]>();

/** The ranges of `list`, parsed once per configuration (a reload brings a new list). */
function rangesOf(list: readonly string[]): Cidr[] {
  return parsedRanges.getOrInsertComputed(list, () =>
    list.map(parseCidr).filter((range): range is Cidr => range !== null),
  );
}

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) as `10.0.0.1`; other text as is. */
function unmapped(address: string): string {
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return v4?.[1] ?? address;
}

/**
 * The address of the socket the request came over (see {@link notePeer}), or null when it has
 * none (made in process, a Unix socket).
 */
function socketPeer(c: Context): string | null {
  const noted: string | null | undefined = c.get("peer");
  if (noted !== undefined) return noted;
  try {
    const address = getConnInfo(c).remote.address;
    return address ? unmapped(address) : null;
  } catch {
    return null;
  }
}

/**
 * The client's IP address. Without `trustProxy`, the socket's peer. With it, when the peer
 * is one of `trustedProxies`, `X-Forwarded-For` is read from the right (each proxy appends
 * the address it saw) past every trusted proxy: the first address that is not one is the
 * client. Entries left of it were written by the client and are never believed. A request
 * without a socket peer (made in process, as tests do, or over a Unix socket) counts as
 * coming from a trusted proxy. An entry that is not an IP address ends the walk at the last
 * trusted hop. Null when nothing is known.
 */
export function clientIp(c: Context, server: Config["server"]): string | null {
  const peer = socketPeer(c);
  if (!server.trustProxy) return peer;
  const ranges = rangesOf(server.trustedProxies);
  const trusted = (range: Cidr | null) => range !== null && ranges.some((r) => cidrContains(r, range));
  if (peer !== null && !trusted(parseCidr(peer))) return peer;
  const hops = (c.req.header("X-Forwarded-For") ?? "")
    .split(",")
    .map((hop) => unmapped(hop.trim()))
    .filter(Boolean);
  let last = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i] as string;
    const range = hop.includes("/") ? null : parseCidr(hop);
    if (range === null) return last;
    if (!trusted(range)) return hop;
    last = hop;
  }
  return last;
}

/**
 * Notes the socket peer of the request as received, before a middleware replaces the request
 * with a rebuilt one (whose peer the server no longer knows).
 */
export function notePeer(c: Context): void {
  c.set("peer", socketPeer(c));
}
