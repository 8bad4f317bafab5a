/** A new random opaque token: 32 bytes, base64url, with an optional prefix (`wdn_` for API tokens). */
export function newOpaqueToken(prefix = ""): string {
  return `${prefix}${Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url")}`;
}

/** SHA-256 of a token, hex: what is stored instead of the token. */
export function hashToken(token: string): string {
  return new Bun.CryptoHasher("sha256").update(token).digest("hex");
}

/** A secret to hand out once: the token, its shown prefix (`prefix` and 6 more characters) and the hash stored. */
export function mintSecret(prefix: string): { token: string; prefix: string; tokenHash: string } {
  const token = newOpaqueToken(prefix);
  return { token, prefix: token.slice(0, prefix.length + 6), tokenHash: hashToken(token) };
}
