import type { LookupFunction } from "node:net";
import { parseAddress, parseCidr } from "../../lib/cidr.ts";
import { type Resolver, systemResolver } from "../../lib/resolver.ts";
import { allowlistMatcher, specialUseOf } from "../../lib/special-addresses.ts";

/** Why `address` (resolved from `name`, if any) may not be called, or null when `allowedTargets` lets it. */
export function addressRefusal(
  address: string,
  allowedTargets: readonly string[],
  name?: string,
): string | null {
  const range = parseCidr(address);
  if (range && allowlistMatcher(allowedTargets)(range)) return null;
  const use = range ? specialUseOf(range) : null;
  // Whole sentences, one per case: the catalog finds each by its English text.
  if (name)
    return use
      ? `address ${address} of ${name} is not in webhooks.allowedTargets; it is a ${use} address.`
      : `address ${address} of ${name} is not in webhooks.allowedTargets.`;
  return use
    ? `address ${address} is not in webhooks.allowedTargets; it is a ${use} address.`
    : `address ${address} is not in webhooks.allowedTargets.`;
}

/** The IP address a URL's host is written as (`http://[::1]/` → `::1`), or null for a host name. */
export function literalAddress(url: URL): string | null {
  const bare = url.hostname.replace(/^\[|\]$/g, "");
  return parseAddress(bare) ? bare : null;
}

/**
 * Why a webhook URL may not be saved, or null: its literal address, or an address its host
 * name resolves to now, is outside `webhooks.allowedTargets`. A name that does not resolve
 * yet is accepted — every call is checked again on the address it connects to.
 */
export async function webhookUrlRefusal(
  url: string,
  allowedTargets: readonly string[],
): Promise<string | null> {
  const parsed = new URL(url);
  const literal = literalAddress(parsed);
  if (literal) return addressRefusal(literal, allowedTargets);
  const addresses = await systemResolver(parsed.hostname).catch(() => [] as string[]);
  for (const address of addresses) {
    const refusal = addressRefusal(address, allowedTargets, parsed.hostname);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * The `lookup` a webhook connection uses: it resolves the host name, checks every address
 * against `webhooks.allowedTargets` and hands the connection those very addresses, so what is
 * checked is what is connected to (no second resolution a rebinding DNS server could answer
 * differently). One refused address refuses the call: a name pointing at both a public and an
 * internal address is not a name to trust.
 */
export function vettedLookup(
  allowedTargets: readonly string[],
  resolve: Resolver = systemResolver,
): LookupFunction {
  return (hostname, options, callback) => {
    const answer = async () => {
      const addresses = await resolve(hostname);
      if (addresses.length === 0) throw new Error(`${hostname} does not resolve to an address.`);
      for (const address of addresses) {
        const refusal = addressRefusal(address, allowedTargets, hostname);
        if (refusal) throw new Error(refusal);
      }
      return addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    answer().then(
      (entries) => {
        if (options.all) callback(null, entries);
        else callback(null, entries[0]?.address ?? "", entries[0]?.family ?? 4);
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, ""),
    );
  };
}
