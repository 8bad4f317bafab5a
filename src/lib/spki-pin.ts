import { createHash, X509Certificate } from "node:crypto";

/**
 * The form of a public-key pin: the base64 of a SHA-256 digest, 44 characters ending in `=`
 * (as HPKP's `pin-sha256`).
 */
export const PIN_PATTERN = /^[A-Za-z0-9+/]{43}=$/;

/** What a malformed pin is told, wherever one is read (config, `--pin`). */
export const PIN_FORMAT =
  "must be the base64 SHA-256 of a certificate's public key (44 characters ending in =, as `warden pin` prints)";

/**
 * The pin of a certificate: the base64 SHA-256 of its DER SubjectPublicKeyInfo, the value of
 * `openssl x509 -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
 * It names the key, not the certificate: a certificate renewed with the same key keeps its pin.
 * @param certificate a PEM certificate (the first one of a chain) or its DER bytes
 * @throws Error when it is not a certificate
 */
export function certificatePin(certificate: string | Uint8Array): string {
  const spki = new X509Certificate(certificate).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spki).digest("base64");
}
