import type { BackgroundFailures } from "./background-failures.ts";
import type { Logger } from "./log.ts";

/** What the guard needs: where to log, where to count, and how to end the process when a fault is fatal. */
export interface FaultGuardOptions {
  log: Logger;
  failures: BackgroundFailures;
  /** A sentence saying why `error` leaves nothing to serve (the database file is gone), or null. */
  fatal(error: unknown): string | null;
  /** Logs `reason` and ends the process with exit code 1. */
  stop(reason: string): void;
}

/**
 * Keeps a serving process alive through a fault that escaped every handler: an unhandled
 * rejection or an uncaught exception is logged with its context and counted as the job
 * `unhandled`, and the server goes on. Only a fault that `fatal` names ends the process,
 * with one clear log line and exit code 1, never a stack dump on the terminal. Answers a
 * function that removes the guard.
 */
export function installFaultGuard(options: FaultGuardOptions): () => void {
  const { log, failures } = options;
  const onFault = (kind: "unhandled rejection" | "uncaught exception") => (error: unknown) => {
    const reason = options.fatal(error);
    if (reason) {
      options.stop(reason);
      return;
    }
    failures.count("unhandled");
    log.error(`${kind}; still serving`, { error });
  };
  const onRejection = onFault("unhandled rejection");
  const onException = onFault("uncaught exception");
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return () => {
    process.off("unhandledRejection", onRejection);
    process.off("uncaughtException", onException);
  };
}
