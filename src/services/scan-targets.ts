import { lookup } from "node:dns/promises";
import { type Cidr, cidrContains, cidrSize, formatIpv4, parseCidr } from "../lib/cidr.ts";
import { Forbidden, Validation } from "../lib/errors.ts";

/** The widest IPv4 range a scan takes (a /16: 65,534 hosts). */
export const MIN_IPV4_PREFIX = 16;

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** Resolves a host name to its addresses (injectable so tests choose what a name resolves to). */
export type Resolver = (name: string) => Promise<string[]>;

/** The system resolver (getaddrinfo, as every other program on the host resolves). */
export const systemResolver: Resolver = async (name) =>
  (await lookup(name, { all: true, verbatim: true })).map((entry) => entry.address);

/** A target's syntax: a range, or a host name still to resolve. */
type ParsedTarget = { kind: "range"; range: Cidr } | { kind: "name"; name: string };

function parseTarget(target: string): ParsedTarget {
  const text = target.trim();
  if (/^[\d.]+(\/\d+)?$/.test(text) || text.includes(":")) {
    const range = parseCidr(text);
    if (!range) throw new Validation({ target: "Not a valid IP address or CIDR range." });
    if (range.family === 4 && range.prefix < MIN_IPV4_PREFIX)
      throw new Validation({ target: `IPv4 ranges go up to /${MIN_IPV4_PREFIX} (65,534 hosts).` });
    if (range.family === 6 && range.prefix !== 128)
      throw new Validation({ target: "IPv6 targets are single addresses." });
    return { kind: "range", range };
  }
  if (!HOST_NAME.test(text))
    throw new Validation({ target: "Enter a host name, an IP address or a CIDR range." });
  return { kind: "name", name: text };
}

function refuse(what: string): never {
  throw new Forbidden(`${what} is outside scanner.allowedTargets; add its range to that setting to scan it.`);
}

/** The parsed allowlist; entries that do not parse (the config schema refuses them) are skipped. */
function allowedRanges(allowedTargets: readonly string[]): Cidr[] {
  return allowedTargets.map((entry) => parseCidr(entry)).filter((range) => range !== null);
}

/** Every address of an IPv4 range a scan visits: ranges wider than /31 leave out network and broadcast. */
function ipv4Addresses(range: Cidr): string[] {
  const size = cidrSize(range);
  const skipEnds = range.prefix < 31;
  const addresses: string[] = [];
  for (let offset = skipEnds ? 1n : 0n; offset < (skipEnds ? size - 1n : size); offset++)
    addresses.push(formatIpv4(range.base + offset));
  return addresses;
}

/**
 * The addresses a target stands for, once each is checked against `scanner.allowedTargets`:
 * a range must lie wholly inside one allowed range, a host name's every resolved address
 * must be allowed. Throws 422 (`target`) for bad syntax or an unresolvable name, 403 naming
 * the setting otherwise — always before any packet is sent.
 */
export async function resolveTargets(
  target: string,
  allowedTargets: readonly string[],
  resolve: Resolver = systemResolver,
): Promise<string[]> {
  const parsed = parseTarget(target);
  const allowed = allowedRanges(allowedTargets);
  const isAllowed = (range: Cidr) => allowed.some((outer) => cidrContains(outer, range));
  if (parsed.kind === "range") {
    if (!isAllowed(parsed.range)) refuse(target.trim());
    return parsed.range.family === 4 ? ipv4Addresses(parsed.range) : [target.trim().replace(/^\[|\]$/g, "")];
  }
  const addresses = await resolve(parsed.name).catch(() => [] as string[]);
  if (addresses.length === 0)
    throw new Validation({ target: `${parsed.name} does not resolve to an address.` });
  const unique = [...new Set(addresses)];
  for (const address of unique) {
    const range = parseCidr(address);
    if (!range || !isAllowed(range)) refuse(`${parsed.name} (${address})`);
  }
  return unique;
}

/** True when `entry` is an address or CIDR range (the config schema checks `scanner.allowedTargets` with it). */
export function isCidr(entry: string): boolean {
  return parseCidr(entry) !== null;
}
