import { type Config, LOG_LEVELS } from "../config/schema.ts";

/** A log level name. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Structured fields attached to a log line. */
export type LogFields = Record<string, unknown>;

/** Warden's logger: one line per event, JSON or human-readable, level read on every call; a method per level. */
export type Logger = Record<LogLevel, (msg: string, fields?: LogFields) => void>;

/**
 * Creates a logger writing one line per entry to `write` (stderr by default, so
 * command output on stdout stays clean). Settings are read through `settings()`
 * on each call, which is how hot-reloaded log levels take effect immediately.
 */
export function createLogger(
  settings: () => Config["log"],
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const emit = (level: LogLevel, msg: string, fields?: LogFields) => {
    const current = settings();
    if (LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(current.level)) return;
    const time = new Date().toISOString();
    if (current.format === "json") {
      write(JSON.stringify({ time, level, msg, ...fields }, errorReplacer));
      return;
    }
    const extra = fields
      ? Object.entries(fields)
          .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v, errorReplacer)}`)
          .join(" ")
      : "";
    write(`${time.slice(11, 23)} ${level.toUpperCase().padEnd(5)} ${msg}${extra ? ` ${extra}` : ""}`);
  };
  return Object.fromEntries(
    LOG_LEVELS.map((level) => [level, (msg: string, fields?: LogFields) => emit(level, msg, fields)]),
  ) as Logger;
}

function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: value.message,
      ...(code === undefined ? {} : { code }),
      stack: value.stack,
      ...(value.cause === undefined ? {} : { cause: value.cause }),
    };
  }
  return value;
}
