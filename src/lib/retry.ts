/** How often and how patiently `withRetries` tries. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait after the first failure; doubled after each further one. */
  initialMs: number;
  /** Longest wait between two tries. */
  maxMs: number;
  /** Told of every failure (to log and count it), with the number of the try that failed. */
  onFailure(error: unknown, attempt: number): void;
}

/** The wait before attempt `attempts + 1`: `base · 2^(attempts-1)`, capped at `max`. */
export function backoffMs(attempts: number, base: number, max: number): number {
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

/**
 * Runs `work` until it succeeds or `policy.attempts` tries have failed, backing off between
 * tries; answers its result or throws the last error.
 */
export async function withRetries<T>(work: () => Promise<T>, policy: RetryPolicy): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      policy.onFailure(error, attempt);
      if (attempt >= policy.attempts) throw error;
      await Bun.sleep(backoffMs(attempt, policy.initialMs, policy.maxMs));
    }
  }
}
