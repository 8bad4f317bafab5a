import { type Cidr, cidrContains, parseCidr } from "./cidr.ts";

/**
 * The address ranges that are not ordinary public unicast, after the IANA special-purpose
 * address registries (IPv4 and IPv6), each with the word a message uses for it (the first
 * match names a range, so narrower ranges come before the wider ones holding them). IPv4-mapped
 * IPv6 addresses (`::ffff:10.0.0.1`) are classified as the IPv4 address they carry; the
 * other IPv6 ranges that embed or translate to IPv4 (NAT64, 6to4, Teredo, the old
 * IPv4-compatible form under `::/8`) are special as a whole.
 */
const SPECIAL_RANGES: readonly { cidr: string; use: string }[] = [
  { cidr: "0.0.0.0/8", use: "unspecified (this network)" },
  { cidr: "10.0.0.0/8", use: "private" },
  { cidr: "100.64.0.0/10", use: "shared (CGNAT)" },
  { cidr: "127.0.0.0/8", use: "loopback" },
  { cidr: "169.254.0.0/16", use: "link-local" },
  { cidr: "172.16.0.0/12", use: "private" },
  { cidr: "192.0.0.0/24", use: "IETF protocol assignment" },
  { cidr: "192.0.2.0/24", use: "documentation" },
  { cidr: "192.88.99.0/24", use: "6to4 relay" },
  { cidr: "192.168.0.0/16", use: "private" },
  { cidr: "198.18.0.0/15", use: "benchmarking" },
  { cidr: "198.51.100.0/24", use: "documentation" },
  { cidr: "203.0.113.0/24", use: "documentation" },
  { cidr: "224.0.0.0/4", use: "multicast" },
  { cidr: "240.0.0.0/4", use: "reserved (and broadcast)" },
  { cidr: "::/128", use: "unspecified" },
  { cidr: "::1/128", use: "loopback" },
  { cidr: "64:ff9b::/96", use: "NAT64" },
  { cidr: "64:ff9b:1::/48", use: "NAT64 (local)" },
  { cidr: "::/8", use: "reserved (IPv4-compatible)" },
  { cidr: "100::/64", use: "discard-only" },
  { cidr: "2001::/23", use: "IETF protocol assignment (Teredo …)" },
  { cidr: "2001:db8::/32", use: "documentation" },
  { cidr: "2002::/16", use: "6to4" },
  { cidr: "3fff::/20", use: "documentation" },
  { cidr: "5f00::/16", use: "segment routing" },
  { cidr: "fc00::/7", use: "unique local (private)" },
  { cidr: "fe80::/10", use: "link-local" },
  { cidr: "fec0::/10", use: "site-local" },
  { cidr: "ff00::/8", use: "multicast" },
];

const RANGES = SPECIAL_RANGES.map(({ cidr, use }) => ({ range: parseCidr(cidr) as Cidr, use }));

const MAPPED_PREFIX = parseCidr("::ffff:0:0/96") as Cidr;

/** An IPv4-mapped IPv6 range (`::ffff:a.b.c.d`) as the IPv4 range it carries; any other range as it is. */
export function unmapped(range: Cidr): Cidr {
  if (!cidrContains(MAPPED_PREFIX, range)) return range;
  return { family: 4, base: range.base & 0xffffffffn, prefix: range.prefix - 96 };
}

/**
 * What a range is used for when it is not ordinary public unicast ("loopback", "private",
 * "link-local", "shared (CGNAT)", "multicast" …): the first special range it overlaps.
 * Null for a public range.
 */
export function specialUseOf(range: Cidr): string | null {
  const plain = unmapped(range);
  const hit = RANGES.find(
    (special) => cidrContains(special.range, plain) || cidrContains(plain, special.range),
  );
  return hit?.use ?? null;
}

/** The allowlist entry standing for every public address (anything `specialUseOf` does not name). */
export const PUBLIC_ENTRY = "public";

/** True when `entry` is an address, a CIDR range, or `public`. */
export function isAllowlistEntry(entry: string): boolean {
  return entry.trim() === PUBLIC_ENTRY || parseCidr(entry) !== null;
}

/**
 * The test of one allowlist (`scanner.allowedTargets`, `webhooks.allowedTargets`): a range is
 * allowed when it lies wholly inside one listed range, or — with `public` listed — touches no
 * special-purpose range. IPv4-mapped IPv6 is judged as the IPv4 it carries, so
 * `::ffff:10.0.0.1` is exactly as allowed as `10.0.0.1`. Entries that do not parse (the
 * config schema refuses them) are skipped.
 */
export function allowlistMatcher(entries: readonly string[]): (range: Cidr) => boolean {
  const ranges = entries.map((entry) => parseCidr(entry)).filter((range) => range !== null);
  const publicAllowed = entries.some((entry) => entry.trim() === PUBLIC_ENTRY);
  return (range) => {
    const plain = unmapped(range);
    if (ranges.some((outer) => cidrContains(unmapped(outer), plain))) return true;
    return publicAllowed && specialUseOf(plain) === null;
  };
}
