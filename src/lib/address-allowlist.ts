import { type Cidr, cidrContains, parseCidr } from "./cidr.ts";
import { specialUseOf, unmapped } from "./special-addresses.ts";

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
