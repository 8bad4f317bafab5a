/*
 * Recognising and masking secrets wherever Warden shows or records data it did not make:
 * environment variables of processes, audit changes, URLs in the configuration.
 */

/** What a masked secret shows. */
export const MASK = "********";

/** Parts that make any name a secret's, wherever they appear (`PGPASSWORD`, `x-api-token`, `awsSecretAccessKey`). */
const SECRET_PARTS = [
  "secret",
  "password",
  "passwd",
  "passphrase",
  "token",
  "credential",
  "apikey",
  "privatekey",
  "accesskey",
  "signingkey",
  "encryptionkey",
  "masterkey",
  "sessionkey",
  "cookie",
  "bearer",
  "jwt",
];

/** Words that make a name a secret's only as a whole word (`API_KEY`, `db_pass`; not `KEYBOARD`, `PASSAGE`, `AUTHOR`). */
const SECRET_WORDS = new Set(["key", "pass", "pwd", "auth", "authorization", "dsn", "salt", "pin", "otp"]);

/**
 * True when a name (an environment variable, a field, a query parameter) looks like it
 * holds a secret. Errs on the side of masking: `SSH_AUTH_SOCK` is masked too.
 */
export function isSecretName(name: string): boolean {
  const lower = name.toLowerCase().replace(/[-_.\s]/g, "");
  if (SECRET_PARTS.some((part) => lower.includes(part))) return true;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  return words.some((word) => SECRET_WORDS.has(word));
}

/**
 * `text` with the secrets of a URL in it masked: the password of `user:password@`, and
 * the values of query parameters named like secrets (`?authToken=…`). Text that is not an
 * absolute URL comes back unchanged.
 */
export function maskUrlSecrets(text: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return text;
  const url = URL.parse(text);
  if (!url) return text;
  let changed = false;
  if (url.password) {
    url.password = MASK;
    changed = true;
  }
  for (const name of new Set(url.searchParams.keys())) {
    if (!isSecretName(name)) continue;
    url.searchParams.set(name, MASK);
    changed = true;
  }
  return changed ? url.toString() : text;
}

/** An environment with the values of secret-looking names masked, and secrets inside URL values. */
export function maskEnvironment(env: Record<string, string>): Record<string, string> {
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(env))
    masked[name] = isSecretName(name) ? MASK : maskUrlSecrets(value);
  return masked;
}

/**
 * A command line with secrets masked: the value of an option named like a secret
 * (`--password=…`, or `--token …` as the next argument) and secrets inside URLs.
 */
export function maskArguments(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    const option = /^(--?[A-Za-z][\w.-]*)=/.exec(arg);
    if (option?.[1] && isSecretName(option[1])) return `${option[1]}=${MASK}`;
    const previous = argv[i - 1];
    if (previous && /^--?[A-Za-z][\w.-]*$/.test(previous) && isSecretName(previous) && !arg.startsWith("-"))
      return MASK;
    return maskUrlSecrets(arg);
  });
}
