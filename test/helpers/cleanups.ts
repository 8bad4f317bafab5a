/** Undoing what a test set up (apps, servers, directories) after each test, newest first. */
import { afterEach } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

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

/** A new temporary directory named `<prefix>…`, removed with the test's other cleanups. */
export function tempDir(cleanups: Cleanup[], prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
