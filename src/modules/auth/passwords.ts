import commonList from "./common-passwords.txt" with { type: "text" };

/** Very common passwords refused outright (lower-cased), embedded in the binary. */
const COMMON = new Set(
  commonList
    .split("\n")
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean),
);

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return Bun.password.hash(password, { algorithm: "argon2id" });
}

/**
 * Checks a password against a stored hash (argon2id, or a bcrypt hash from an import).
 * `rehash` is true when the hash should be replaced by an argon2id one.
 */
export async function verifyPassword(password: string, hash: string) {
  try {
    const ok = await Bun.password.verify(password, hash);
    return { ok, rehash: ok && !hash.startsWith("$argon2id$") };
  } catch {
    return { ok: false, rehash: false };
  }
}

/** A hash of a random password, verified against when the user does not exist, so both cases take as long. */
let dummyHash: Promise<string> | null = null;

/** Spends the time of one verification without a real hash (unknown user at login). */
export async function verifyNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  await Bun.password.verify(password, await dummyHash);
}

/**
 * The password policy: at least `minLength` characters, at most 256, not a very common
 * password, and not the user's email or username. Returns the problem or null.
 */
export function passwordProblem(
  password: string,
  minLength: number,
  identity: { email?: string; username?: string } = {},
): string | null {
  if (password.length < minLength) return `Use at least ${minLength} characters.`;
  if (password.length > 256) return "Use at most 256 characters.";
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return "This password is too common. Choose another.";
  if (/^(.)\1+$/.test(password)) return "Do not repeat one character.";
  const names = [identity.email, identity.email?.split("@")[0], identity.username].filter(
    Boolean,
  ) as string[];
  if (names.some((n) => lower === n.toLowerCase())) return "Do not use your email or username as password.";
  return null;
}
