/**
 * Preloaded by `bun test` (bunfig.toml): every temporary file or folder a test makes through
 * `os.tmpdir()` lands in one folder of this run, removed when the run ends, so repeated
 * runs do not fill the machine's /tmp with databases, data folders and certificates.
 */
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = mkdtempSync(join(tmpdir(), "warden-tests-"));
process.env.TMPDIR = root;

afterAll(() => rmSync(root, { recursive: true, force: true }));
