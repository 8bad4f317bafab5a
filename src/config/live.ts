import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import { ConfigError, type LoadedConfig } from "../config.ts";
import type { Logger } from "../lib/log.ts";
import { deepFreeze, flatten, setPath, type Tree } from "./flatten.ts";
import { type Config, RESTART_KEYS, SECRET_KEYS } from "./schema.ts";

/** Before and after values of each key a reload changed. */
export type ConfigChanges = Record<string, { before: unknown; after: unknown }>;

/** Anything that hands out the configuration in force; LiveConfig in the server, a constant in tests. */
export interface ConfigSource {
  get(): Config;
  /** Present when the configuration can change while running (LiveConfig). */
  onChange?(listener: (config: Config, changes: ConfigChanges) => void): () => void;
}

/** Outcome of one reload attempt. */
export type ReloadResult =
  | { status: "applied"; changed: string[]; restartRequired: string[] }
  | { status: "unchanged"; restartRequired: string[] }
  | { status: "rejected"; problems: string[] };

/**
 * The running configuration. Readers call `get()` each time they need a value, so
 * hot-reloadable keys (log level, CORS origins, rate limits, monitor intervals …)
 * take effect on the next read. Keys in RESTART_KEYS keep their running value until
 * restart; an invalid new configuration is rejected whole.
 */
export class LiveConfig implements ConfigSource {
  #current: LoadedConfig;
  #watchers: FSWatcher[] = [];
  #listeners = new Set<(config: Config, changes: ConfigChanges) => void>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: LoadedConfig,
    private readonly load: () => LoadedConfig,
    private readonly log: Logger,
  ) {
    this.#current = initial;
  }

  /** The configuration in force now. */
  get(): Config {
    return this.#current.config;
  }

  /** Calls `listener` after every applied reload with the new config and each changed key's values. */
  onChange(listener: (config: Config, changes: ConfigChanges) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Re-reads every layer and applies the result; logs exactly one line. */
  reload(reason: string): ReloadResult {
    let next: LoadedConfig;
    try {
      next = this.load();
    } catch (error) {
      const problems =
        error instanceof ConfigError
          ? error.problems.map((p) => `${p.path}: ${p.message}`)
          : [(error as Error).message];
      this.log.error("config reload rejected; keeping the running config", { reason, problems });
      return { status: "rejected", problems };
    }
    const before = flatten(this.#current.config as unknown as Tree);
    const after = flatten(next.config as unknown as Tree);
    const differs = (path: string) => JSON.stringify(before.get(path)) !== JSON.stringify(after.get(path));
    const restartRequired = RESTART_KEYS.filter(differs);
    const merged = structuredClone(next.config) as unknown as Tree;
    for (const path of restartRequired) setPath(merged, path, before.get(path));
    const changed = [...after.keys()].filter((p) => differs(p) && !restartRequired.includes(p as never));
    if (changed.length === 0) {
      this.log.info("config reload: no change", { reason, restartRequired });
      return { status: "unchanged", restartRequired };
    }
    this.#current = { ...next, config: deepFreeze(merged) as unknown as Config };
    this.log.info("config reload applied", {
      reason,
      changed: changed.map((p) => (SECRET_KEYS.includes(p as never) ? `${p} (secret)` : p)),
      restartRequired,
    });
    const changes: ConfigChanges = {};
    for (const path of changed) changes[path] = { before: before.get(path), after: after.get(path) };
    for (const listener of this.#listeners) listener(this.#current.config, changes);
    return { status: "applied", changed, restartRequired };
  }

  /**
   * Watches the loaded config files and reloads shortly after one changes. Watches
   * the directories rather than the files so editors that replace a file on save
   * (write to a temp file, rename) are still seen.
   */
  watch(debounceMs = 150): void {
    for (const [dir, files] of Map.groupBy(this.#current.files, (file) => dirname(file))) {
      const names = new Set(files.map((file) => basename(file)));
      const watcher = watch(dir, (_event, filename) => {
        if (filename && !names.has(basename(filename.toString()))) return;
        if (this.#timer) clearTimeout(this.#timer);
        this.#timer = setTimeout(() => this.reload(`file changed: ${filename}`), debounceMs);
      });
      this.#watchers.push(watcher);
    }
  }

  /** Stops watching files. */
  close(): void {
    for (const watcher of this.#watchers) watcher.close();
    this.#watchers = [];
    if (this.#timer) clearTimeout(this.#timer);
  }
}
