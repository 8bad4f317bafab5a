import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

const VERSION = "v1";
const INFO = "warden mfa secrets v1";

/**
 * The AES-256 key that seals second-factor secrets, derived (HKDF-SHA256) from
 * `security.jwtSecret`, so the database alone never reveals them. A new JWT secret
 * makes the stored TOTP secrets unreadable: those users then sign in with a recovery
 * code or a passkey, or an admin resets their second factor.
 */
function keyOf(masterSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", masterSecret, "warden", INFO, 32));
}

/** `plain` encrypted with AES-256-GCM under a key derived from `masterSecret`: `v1.<iv>.<ciphertext+tag>`. */
export function sealSecret(plain: string, masterSecret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(masterSecret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

/** The plain text of a {@link sealSecret} value; null when it was sealed under another key or altered. */
export function openSecret(sealed: string, masterSecret: string): string | null {
  const [version, iv, body] = sealed.split(".");
  if (version !== VERSION || !iv || !body) return null;
  const bytes = Buffer.from(body, "base64url");
  if (bytes.length < 16) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(masterSecret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString(
      "utf8",
    );
  } catch {
    return null;
  }
}
