import { isIP } from "node:net";

/** The longest DNS name (RFC 1035), without the trailing dot. */
export const HOSTNAME_MAX_LENGTH = 253;

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A host name as stored: lower case, without a trailing dot; null when `input` is not a
 * DNS host name (RFC 1123: dot-separated labels of 1–63 letters, digits and inner
 * hyphens, at most 253 characters). A name whose last label is all digits is refused:
 * that is an address, not a name.
 */
export function normalizeHostname(input: string): string | null {
  const name = input.trim().toLowerCase().replace(/\.$/, "");
  if (name === "" || name.length > HOSTNAME_MAX_LENGTH) return null;
  const labels = name.split(".");
  if (!labels.every((label) => LABEL.test(label))) return null;
  if (/^\d+$/.test(labels.at(-1) ?? "")) return null;
  return name;
}

/**
 * An IPv4 or IPv6 address in its canonical text (IPv6 lower case and compressed, as
 * `2001:db8::1`); null for anything else, including CIDR ranges, IPv4 with leading
 * zeros, and IPv6 with a zone (`fe80::1%eth0`), which only means something on one host.
 */
export function normalizeIpAddress(input: string): string | null {
  const text = input.trim();
  if (text.includes("%")) return null;
  const family = isIP(text);
  if (family === 4) return text;
  if (family !== 6) return null;
  // The URL parser prints IPv6 in RFC 5952 form; an embedded IPv4 tail reads better as written.
  return text.includes(".") ? text.toLowerCase() : new URL(`http://[${text}]`).hostname.slice(1, -1);
}
