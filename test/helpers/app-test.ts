/**
 * A test with an app of its own: for test files whose tests each need a fresh database
 * (an empty audit log, the seeded users untouched, a first run without users).
 */
import { test } from "bun:test";
import type { Tree } from "../../src/config/flatten.ts";
import { createTestApp, type TestApp, type TestAppOptions } from "./app.ts";

/** How {@link appTest} builds its app ({@link TestAppOptions} and the configuration `config`), and the test's timeout. */
export interface AppTestOptions extends TestAppOptions {
  config?: Tree;
  timeout?: number;
}

type AppTestBody = (t: TestApp) => Promise<void>;

/**
 * Registers a test named `name` that runs `body` against a new app built by
 * {@link createTestApp} (as `options` say), closed after the test whether it passed or not.
 */
export function appTest(name: string, body: AppTestBody): void;
export function appTest(name: string, options: AppTestOptions, body: AppTestBody): void;
export function appTest(name: string, ...args: [AppTestBody] | [AppTestOptions, AppTestBody]): void {
  const [{ config = {}, timeout, ...options }, body] = args.length === 1 ? [{}, args[0]] : args;
  test(
    name,
    async () => {
      const t = await createTestApp(config, options);
      try {
        await body(t);
      } finally {
        await t.close();
      }
    },
    timeout,
  );
}
