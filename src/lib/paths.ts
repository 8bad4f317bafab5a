import { dirname, join, resolve } from "node:path";

/**
 * True when running as the compiled single executable (`bun build --compile`): its entry
 * point lives in Bun's virtual file system. (`import.meta.dir` cannot tell: a CommonJS bundle
 * keeps the directory the source had at build time.)
 */
export const IS_COMPILED = Bun.main.startsWith("/$bunfs/");

/**
 * Root of the files Warden ships with (config/, migrations/, public/, locales/).
 * In the binary these are embedded by the build under their relative paths and
 * read from Bun's virtual file system; in development they are the repository's.
 */
export const BUNDLE_ROOT = IS_COMPILED ? dirname(Bun.main) : resolve(import.meta.dir, "../..");

/** Absolute path of a shipped file, e.g. `bundled("public", "css/app.css")`. */
export function bundled(...parts: string[]): string {
  return join(BUNDLE_ROOT, ...parts);
}
