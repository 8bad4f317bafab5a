import { createHmac } from "node:crypto";

/** Name of the header carrying the signature. */
export const SIGNATURE_HEADER = "X-Warden-Signature";

/** `sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the webhook's secret. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}
