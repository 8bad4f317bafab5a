import { statSync } from "node:fs";

/** How often the database file is looked at. */
const WATCH_INTERVAL_MS = 2_000;

/**
 * Watches the embedded database file for the one fault Warden cannot serve through: the
 * file removed or replaced under the running server. SQLite would go on writing to the
 * unlinked file, and everything written from then on would vanish with the process; so
 * `onGone` is called (once) with a sentence saying what happened. Answers a function that
 * stops watching. The timer does not keep the process alive.
 */
export function watchDatabaseFile(path: string, onGone: (reason: string) => void): () => void {
  const identity = (): string | null => {
    try {
      const s = statSync(path);
      return `${s.dev}:${s.ino}`;
    } catch {
      return null;
    }
  };
  const initial = identity();
  const timer = setInterval(() => {
    const now = identity();
    if (now === initial) return;
    clearInterval(timer);
    onGone(
      now === null
        ? `the database file ${path} was removed while Warden ran`
        : `the database file ${path} was replaced while Warden ran`,
    );
  }, WATCH_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
