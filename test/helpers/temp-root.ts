/**
 * Preloaded by `bun test` (bunfig.toml): every temporary file or folder a test makes through
 * `os.tmpdir()` lands in one folder of this run, removed when the run ends, so repeated
 * runs do not fill the machine's /tmp with databases, data folders and certificates.
 */
import { afterAll } from "bun:test";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = mkdtempSync(join(tmpdir(), "warden-tests-"));
// Like /tmp: the tests that drop to an unprivileged user make their folders here too.
chmodSync(root, 0o1777);
process.env.TMPDIR = root;

afterAll(() => rmSync(root, { recursive: true, force: true }));
