/** Undoing what a test set up (apps, servers, directories) after each test, newest first. */
import { afterEach } from "bun:test";

/** One thing to undo. */
export type Cleanup = () => Promise<void> | void;

/**
 * Registers an `afterEach` hook of the calling test file that runs, newest first, every
 * cleanup pushed onto the answered list during the test, and empties the list.
 */
export function useCleanups(): Cleanup[] {
  const cleanups: Cleanup[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  return cleanups;
}
