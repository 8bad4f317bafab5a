import { isIPv4, isIPv6 } from "node:net";
import { convertIPv4ToBinary, convertIPv6ToBinary } from "hono/utils/ipaddr";

/** An address range: family, first address as a number, prefix length. */
export interface Cidr {
  family: 4 | 6;
  /** The network address (host bits cleared). */
  base: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** The address as a number with its family, or null when `text` is not an IPv4 or IPv6 address. */
export function parseAddress(text: string): { family: 4 | 6; value: bigint } | null {
  if (isIPv4(text)) return { family: 4, value: convertIPv4ToBinary(text) };
  const bare = text.replace(/^\[|\]$/g, "");
  if (isIPv6(bare) && !bare.includes("%")) return { family: 6, value: convertIPv6ToBinary(bare) };
  return null;
}

/** Parses `10.0.0.0/8`, `::1/128` or a bare address (a single-address range); null when invalid. */
export function parseCidr(text: string): Cidr | null {
  const [address = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return null;
  const parsed = parseAddress(address);
  if (!parsed) return null;
  const bits = BITS[parsed.family];
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  return { family: parsed.family, base: (parsed.value >> hostBits) << hostBits, prefix };
}

/** Number of addresses in a range. */
export function cidrSize(range: Cidr): bigint {
  return 1n << BigInt(BITS[range.family] - range.prefix);
}

/** True when every address of `inner` lies in `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  const hostBits = BigInt(BITS[outer.family] - outer.prefix);
  return inner.base >> hostBits === outer.base >> hostBits;
}
