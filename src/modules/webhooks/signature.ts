import { createHmac } from "node:crypto";

/** Name of the header carrying the signature. */
export const SIGNATURE_HEADER = "X-Warden-Signature";

/** Name of the header carrying the time of signing, in Unix seconds (decimal). */
export const TIMESTAMP_HEADER = "X-Warden-Timestamp";

/**
 * `sha256=<hex>`: HMAC-SHA256 with the webhook's secret of `<timestamp>.<body>` — the
 * `X-Warden-Timestamp` value, a dot, then the exact body bytes — so a receiver that checks
 * the timestamp is recent can refuse a captured call replayed later.
 */
export function signPayload(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
