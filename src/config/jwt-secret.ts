import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "./schema.ts";

/** `create`: generate and store a secret when none is set (serve); `read`: only read a stored one. */
export type SecretMode = "create" | "read";

/** Name of the file in the data directory that holds a generated JWT secret. */
export const JWT_SECRET_FILE = "jwt-secret";

/**
 * Finds the JWT signing secret when `security.jwtSecret` is unset: the one stored in
 * the data directory, or (mode `create`) a new random 48-byte secret written there
 * with mode 0600. Returns null when a secret is configured or none exists yet.
 */
export function resolveJwtSecret(config: Config, mode: SecretMode): { value: string; source: string } | null {
  if (config.security.jwtSecret !== null) return null;
  const path = join(config.dataDir, JWT_SECRET_FILE);
  if (existsSync(path)) {
    const value = readFileSync(path, "utf8").trim();
    if (value.length > 0) return { value, source: `stored in ${path}` };
  }
  if (mode === "read") return null;
  mkdirSync(config.dataDir, { recursive: true });
  const value = Buffer.from(crypto.getRandomValues(new Uint8Array(48))).toString("base64url");
  writeFileSync(path, `${value}\n`, { mode: 0o600, flag: "wx" });
  chmodSync(path, 0o600);
  return { value, source: `generated into ${path}` };
}
