import { afterAll, expect, test } from "bun:test";
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { extractLibsqlAddon } from "../../src/db/libsql-addon.ts";

const dir = mkdtempSync(join(tmpdir(), "warden-addon-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for the library, packed the way scripts/build.ts packs it. */
const library = new TextEncoder().encode("not really a library\n".repeat(1000));
const packedPath = join(dir, "lib.node.zst");
writeFileSync(packedPath, Bun.zstdCompressSync(library));
const packed = { path: packedPath, hash: "0123456789abcdef", size: library.byteLength };

test("extracts the packed library once, private and read-only, then reuses it", () => {
  const path = extractLibsqlAddon(packed, dir);
  expect(path).toBe(join(dir, `.warden-libsql-${process.getuid?.()}-0123456789abcdef.node`));
  expect(readFileSync(path)).toEqual(Buffer.from(library));
  expect(statSync(path).mode & 0o777).toBe(0o500);
  const written = statSync(path).mtimeMs;
  expect(extractLibsqlAddon(packed, dir)).toBe(path);
  expect(statSync(path).mtimeMs).toBe(written);
});

test("a file of the wrong size or writable by others is replaced", () => {
  const path = extractLibsqlAddon(packed, dir);
  rmSync(path);
  writeFileSync(path, "half");
  expect(readFileSync(extractLibsqlAddon(packed, dir))).toEqual(Buffer.from(library));
  chmodSync(path, 0o777);
  extractLibsqlAddon(packed, dir);
  expect(statSync(path).mode & 0o777).toBe(0o500);
});

test("a packed file that does not decompress to the expected size is refused", () => {
  expect(() => extractLibsqlAddon({ ...packed, hash: "ffffffffffffffff", size: 5 }, dir)).toThrow(
    /decompressed to/,
  );
});
