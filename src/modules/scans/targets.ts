import { convertIPv4BinaryToString } from "hono/utils/ipaddr";
import { type Cidr, cidrSize, parseCidr } from "../../lib/cidr.ts";
import { Forbidden, Validation } from "../../lib/errors.ts";
import { type Resolver, systemResolver } from "../../lib/resolver.ts";
import { allowlistMatcher } from "../../lib/special-addresses.ts";

/** The widest IPv4 range a scan takes (a /16: 65,534 hosts). */
export const MIN_IPV4_PREFIX = 16;

const HOST_NAME =
  /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;

/** A target's syntax: a range, or a host name still to resolve; or what is wrong with it. */
type ParsedTarget =
  | { kind: "range"; range: Cidr }
  | { kind: "name"; name: string }
  | { kind: "invalid"; message: string };

function parseTarget(target: string): ParsedTarget {
  const text = target.trim();
  if (/^[\d.]+(\/\d+)?$/.test(text) || text.includes(":")) {
    const range = parseCidr(text);
    if (!range) return { kind: "invalid", message: "Not a valid IP address or CIDR range." };
    if (range.family === 4 && range.prefix < MIN_IPV4_PREFIX)
      return { kind: "invalid", message: `IPv4 ranges go up to /${MIN_IPV4_PREFIX} (65,534 hosts).` };
    if (range.family === 6 && range.prefix !== 128)
      return { kind: "invalid", message: "IPv6 targets are single addresses." };
    return { kind: "range", range };
  }
  if (!HOST_NAME.test(text))
    return { kind: "invalid", message: "Enter a host name, an IP address or a CIDR range." };
  return { kind: "name", name: text };
}

/** What is wrong with a target's syntax (the scan schemas check it with the other fields), or null. */
export function targetProblem(target: string): string | null {
  const parsed = parseTarget(target);
  return parsed.kind === "invalid" ? parsed.message : null;
}

/** 403: a scan target outside `scanner.allowedTargets` (a form shows it beside the target). */
export class TargetRefused extends Forbidden {}

function refuse(what: string, setting: string): never {
  throw new TargetRefused(`${what} is outside ${setting}; add its range to that setting to scan it.`);
}

/** Every address of an IPv4 range a scan visits: ranges wider than /31 leave out network and broadcast. */
function ipv4Addresses(range: Cidr): string[] {
  const size = cidrSize(range);
  const skipEnds = range.prefix < 31;
  const addresses: string[] = [];
  for (let offset = skipEnds ? 1n : 0n; offset < (skipEnds ? size - 1n : size); offset++)
    addresses.push(convertIPv4BinaryToString(range.base + offset));
  return addresses;
}

/**
 * The addresses a target stands for, once each is checked against `allowedTargets` (the
 * config key `setting`: `scanner.allowedTargets`, or `agent.scanTargets` for a scan from an
 * agent): a range must lie wholly inside one allowed range, a host name's every resolved
 * address must be allowed. Throws 422 (`target`) for bad syntax or an unresolvable name, 403
 * naming the setting otherwise — always before any packet is sent.
 */
export async function resolveTargets(
  target: string,
  allowedTargets: readonly string[],
  resolve: Resolver = systemResolver,
  setting = "scanner.allowedTargets",
): Promise<string[]> {
  const parsed = parseTarget(target);
  if (parsed.kind === "invalid") throw new Validation({ target: parsed.message });
  const isAllowed = allowlistMatcher(allowedTargets);
  if (parsed.kind === "range") {
    if (!isAllowed(parsed.range)) refuse(target.trim(), setting);
    return parsed.range.family === 4 ? ipv4Addresses(parsed.range) : [target.trim().replace(/^\[|\]$/g, "")];
  }
  const addresses = await resolve(parsed.name).catch(() => [] as string[]);
  if (addresses.length === 0)
    throw new Validation({ target: `${parsed.name} does not resolve to an address.` });
  const unique = [...new Set(addresses)];
  for (const address of unique) {
    const range = parseCidr(address);
    if (!range || !isAllowed(range)) refuse(`${parsed.name} (${address})`, setting);
  }
  return unique;
}
