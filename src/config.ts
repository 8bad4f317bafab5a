import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseEnv } from "node:util";
import { deepFreeze, deepMerge, flatten, getPath, setPath, type Tree } from "./config/flatten.ts";
import { resolveJwtSecret, type SecretMode } from "./config/jwt-secret.ts";
import { type Config, configSchema, SECRET_ITEM_FIELDS, SECRET_KEYS } from "./config/schema.ts";
import { bundled, IS_COMPILED } from "./lib/paths.ts";
import { MASK, maskUrlSecrets } from "./lib/secrets.ts";

export type { Config } from "./config/schema.ts";

/** Settings given on the command line; they beat every other layer. */
export interface ConfigFlags {
  host?: string;
  port?: number;
  dataDir?: string;
  configFile?: string;
}

/** Everything the loader reads from the outside world, passed in so tests can vary it. */
export interface ConfigInputs {
  flags?: ConfigFlags;
  /** Process environment; `src/main.ts` passes `process.env`. */
  env?: Record<string, string | undefined>;
  /** Directory holding an optional `config/` folder and, in development, `.env`. */
  cwd?: string;
  /** Extra values merged just below environment variables (tests use this). */
  overrides?: Tree;
  /** Whether a missing JWT secret is generated into the data dir or only read. */
  secrets?: SecretMode;
}

/** One problem with the configuration, named by its key path. */
export interface ConfigProblem {
  path: string;
  message: string;
}

/** Thrown when the configuration is invalid; carries every problem at once. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(`invalid configuration: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
    this.name = "ConfigError";
  }
}

/** A loaded configuration with where each value came from and which files were read. */
export interface LoadedConfig {
  config: Config;
  /** Key path → human-readable source ("config/default.json", "env WARDEN_SERVER_PORT", …). */
  sources: Map<string, string>;
  /** Files on disk that were read (and so are watched for hot reload). */
  files: string[];
  /** `WARDEN_*` variables set that name no setting (a misspelt one would otherwise go unnoticed). */
  unknownVariables: string[];
}

/** `WARDEN_*` variables that are no setting of the tree yet have a meaning of their own. */
const OTHER_VARIABLES = new Set(["WARDEN_ENV", "WARDEN_CONFIG"]);

const LAYER_FILES = ["default", "ENV", "security"] as const;

/** Environment variable name of a key path: `server.port` → `WARDEN_SERVER_PORT`. */
export function envName(path: string): string {
  return `WARDEN_${path.replaceAll(".", "_").toUpperCase()}`;
}

/**
 * Loads the configuration from every layer, lowest to highest precedence:
 * `config/default.json` ← `config/<env>.json` ← `config/security.json` ← `--config FILE`
 * ← environment variables ← CLI flags. Each `config/*.json` is read from `<cwd>/config/`
 * when present there, otherwise the copy embedded in the binary is used.
 * This is the only place Warden reads environment variables.
 * @throws ConfigError listing every problem with its key path.
 */
export function loadConfig(inputs: ConfigInputs = {}): LoadedConfig {
  const cwd = resolve(inputs.cwd ?? process.cwd());
  const problems: ConfigProblem[] = [];
  const sources = new Map<string, string>();
  const files: string[] = [];
  const env = readEnvironment(inputs.env ?? {}, cwd);
  const envKind = env.WARDEN_ENV ?? (IS_COMPILED ? "production" : "development");

  let tree: Tree = {};
  const apply = (layer: Tree, source: string | ((path: string) => string)) => {
    tree = deepMerge(tree, layer);
    for (const path of flatten(layer).keys())
      sources.set(path, typeof source === "string" ? source : source(path));
  };

  for (const layer of LAYER_FILES) {
    const name = `${layer === "ENV" ? envKind : layer}.json`;
    const local = join(cwd, "config", name);
    const path = existsSync(local) ? local : bundled("config", name);
    if (!existsSync(path)) {
      if (layer !== "ENV") problems.push({ path: `config/${name}`, message: "file not found" });
      continue;
    }
    if (path === local) files.push(local);
    const layerTree = readJson(path, problems);
    if (layerTree) apply(layerTree, path === local ? `config/${name}` : `config/${name} (embedded)`);
  }

  const configFile = inputs.flags?.configFile ?? env.WARDEN_CONFIG;
  if (configFile) {
    const path = resolve(cwd, configFile);
    if (!existsSync(path)) problems.push({ path: "--config", message: `file not found: ${path}` });
    else {
      files.push(path);
      const layerTree = readJson(path, problems);
      if (layerTree) apply(layerTree, path);
    }
  }

  if (inputs.overrides) apply(inputs.overrides, "overrides");
  apply(envLayer(tree, env), (path) => `env ${envName(path)}`);
  apply(flagLayer(inputs.flags ?? {}), (path) => `flag ${FLAG_NAMES[path]}`);
  setPath(tree, "env", envKind);
  sources.set("env", env.WARDEN_ENV ? "env WARDEN_ENV" : "default for this build");

  const parsed = configSchema().safeParse(tree);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ path: issue.path.join(".") || "(root)", message: issue.message });
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const config = structuredClone(parsed.data);
  config.dataDir = resolve(cwd, config.dataDir);
  if (config.database.url === null) {
    config.database.url = `file:${join(config.dataDir, "warden.db")}`;
    sources.set("database.url", "derived from dataDir");
  }
  // The desktop session is the one Warden was started in unless the config names another.
  for (const [key, variable] of [
    ["display", "DISPLAY"],
    ["xauthority", "XAUTHORITY"],
  ] as const) {
    const value = env[variable];
    if (config.desktop[key] === null && value) {
      config.desktop[key] = value;
      sources.set(`desktop.${key}`, `env ${variable}`);
    }
  }
  const secret = resolveJwtSecret(config, inputs.secrets ?? "read");
  if (secret) {
    config.security.jwtSecret = secret.value;
    sources.set("security.jwtSecret", secret.source);
  }
  const settings = new Set([...flatten(tree).keys()].map(envName));
  const unknownVariables = Object.keys(env)
    .filter((name) => name.startsWith("WARDEN_") && !settings.has(name) && !OTHER_VARIABLES.has(name))
    .sort();
  return { config: deepFreeze(config), sources, files, unknownVariables };
}

/**
 * The configuration as plain data with every secret replaced by a mask, for display: the
 * secret keys, and secrets inside URLs (`database.url` with `?authToken=…` or `user:pass@`).
 */
export function maskedConfig(config: Config): Tree {
  const copy = structuredClone(config) as unknown as Tree;
  for (const [path, value] of flatten(copy)) {
    if (typeof value === "string") setPath(copy, path, maskItem(value));
    else if (Array.isArray(value)) setPath(copy, path, value.map(maskItem));
  }
  for (const path of SECRET_KEYS) if (getPath(copy, path) != null) setPath(copy, path, MASK);
  return copy;
}

/** A value or list item with its secrets masked: in a URL, or an object's secret fields (an OIDC provider's `clientSecret`). */
function maskItem(item: unknown): unknown {
  if (typeof item === "string") return maskUrlSecrets(item);
  if (typeof item !== "object" || item === null) return item;
  const copy = { ...(item as Record<string, unknown>) };
  for (const field of SECRET_ITEM_FIELDS) if (copy[field] != null) copy[field] = MASK;
  return copy;
}

function readEnvironment(env: Record<string, string | undefined>, cwd: string): Record<string, string> {
  const merged: Record<string, string> = {};
  const kind = env.WARDEN_ENV ?? (IS_COMPILED ? "production" : "development");
  const dotenv = join(cwd, ".env");
  // .env is a development convenience only; production takes its settings from real variables.
  if (kind === "development" && existsSync(dotenv))
    Object.assign(merged, parseEnv(readFileSync(dotenv, "utf8")));
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}

function readJson(path: string, problems: ConfigProblem[]): Tree | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, "utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Tree;
    problems.push({ path, message: "must contain a JSON object" });
  } catch (error) {
    problems.push({ path, message: `not valid JSON: ${(error as Error).message}` });
  }
  return null;
}

/** Environment variables for every known key, converted to the type of the current value. */
function envLayer(tree: Tree, env: Record<string, string>): Tree {
  const layer: Tree = {};
  for (const [path, current] of flatten(tree)) {
    const raw = env[envName(path)];
    if (raw !== undefined) setPath(layer, path, coerce(raw, current));
  }
  return layer;
}

/** Converts an environment string to the type the key holds; leaves it a string if it does not fit, so the schema reports it. */
function coerce(raw: string, current: unknown): unknown {
  if (typeof current === "number")
    return raw.trim() !== "" && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  if (typeof current === "boolean")
    return raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : raw;
  if (Array.isArray(current)) {
    if (raw.trim().startsWith("[")) {
      try {
        return JSON.parse(raw);
      } catch {
        return raw;
      }
    }
    return raw
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
  }
  if (current === null && raw === "") return null;
  return raw;
}

const FLAG_NAMES: Record<string, string> = {
  "server.host": "--host",
  "server.port": "--port",
  dataDir: "--data-dir",
};

function flagLayer(flags: ConfigFlags): Tree {
  const layer: Tree = {};
  if (flags.host !== undefined) setPath(layer, "server.host", flags.host);
  if (flags.port !== undefined) setPath(layer, "server.port", flags.port);
  if (flags.dataDir !== undefined) setPath(layer, "dataDir", flags.dataDir);
  return layer;
}
