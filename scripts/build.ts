// Builds dist/warden: one self-contained executable for this machine (linux x64 or arm64) with
// the views, public assets, migrations, locales and default config embedded.
// `--target linux-x64|linux-arm64 --outfile FILE` cross-compiles instead (scripts/release.ts).
//
// The binary deliberately reads neither .env nor bunfig.toml from the directory it runs
// in: production settings come from config files, WARDEN_* variables and flags only.
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { BunPlugin } from "bun";
import type { PackedAddon } from "../src/db/libsql-addon.ts";
import { type BuildTarget, hostTarget, nativeAddon } from "./native-addon.ts";

const root = join(import.meta.dir, "..");
const { values: args } = parseArgs({ options: { target: { type: "string" }, outfile: { type: "string" } } });
const TARGET = (args.target ?? hostTarget()) as BuildTarget;
const outfile = args.outfile ? resolve(args.outfile) : join(root, "dist/warden");
/** The target's libSQL library (index.node): from node_modules, or fetched for a cross-compile. */
const NATIVE_ADDON = await nativeAddon(TARGET);
/** The build's scratch directory (staged migrations, the packed libSQL library), removed at the end. */
const staging = mkdtempSync(join(tmpdir(), "warden-build-"));

/**
 * The libSQL library zstd-compressed into the staging directory (9.3 → 3.1 MiB; level 19 takes
 * ~4.5 s and saves 0.3 MiB against level 12's 0.7 s; 22 saves nothing more), with what
 * src/db/libsql-addon.ts needs.
 */
function packLibsqlAddon(): PackedAddon {
  const library = readFileSync(NATIVE_ADDON);
  const path = join(staging, "libsql.node.zst");
  writeFileSync(path, Bun.zstdCompressSync(library, { level: 19 }));
  const hash = new Bun.CryptoHasher("sha256").update(library).digest("hex").slice(0, 16);
  return { path, hash, size: library.byteLength };
}

/**
 * libsql loads its native module with `require(\`@libsql/${target}\`)`, which the bundler
 * cannot follow; rewrite it to load the compressed copy this build embeds
 * (src/db/libsql-addon.ts extracts it once into the temporary directory).
 */
function libsqlNative(packed: PackedAddon): BunPlugin {
  const loader = join(root, "src/db/libsql-addon.ts");
  return {
    name: "libsql-native",
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]libsql[\\/]index\.js$/ }, async (args) => {
        const source = await Bun.file(args.path).text();
        const pattern = /return require\(`@libsql\/\$\{target\}`\);/;
        if (!pattern.test(source))
          throw new Error("libsql-native: the dynamic require was not found; check the libsql version");
        const embedded = `{ path: require(${JSON.stringify(packed.path)}), hash: "${packed.hash}", size: ${packed.size} }`;
        return {
          contents: source.replace(
            pattern,
            `return require(${JSON.stringify(loader)}).loadLibsqlAddon(${embedded});`,
          ),
          loader: "js",
        };
      });
    },
  };
}

/**
 * The modules' routes, recorded from the sources (scripts/route-manifest.ts) and put in place of
 * src/modules/route-manifest.ts: the binary mounts them at start and builds a module's routers,
 * schemas and views on the first request one of its routes matches.
 */
function routeManifest(): BunPlugin {
  const recorded = Bun.spawnSync(["bun", join(root, "scripts/route-manifest.ts")], {
    cwd: root,
    stderr: "inherit",
  });
  if (recorded.exitCode !== 0) throw new Error("scripts/route-manifest.ts failed");
  const manifest = recorded.stdout.toString();
  return {
    name: "route-manifest",
    setup(build) {
      build.onLoad({ filter: /[\\/]src[\\/]modules[\\/]route-manifest\.ts$/ }, () => ({
        contents: `export const ROUTE_MANIFEST = ${manifest};`,
        loader: "ts",
      }));
    },
  };
}

/**
 * zod's error-message locales, all but English (the default zod sets itself): `z.locales` is part
 * of the namespace Warden imports, so the bundler keeps all 64 (0.26 MiB of source, ~1.5 MiB of
 * the binary with their bytecode). Warden translates its own messages and never switches zod's.
 */
function zodEnglishOnly(): BunPlugin {
  return {
    name: "zod-english-only",
    setup(build) {
      build.onLoad({ filter: /[\\/]node_modules[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
        contents: `export { default as en } from "./en.js";`,
        loader: "js",
      }));
    },
  };
}

const vendor = Bun.spawnSync(["bun", join(root, "scripts/vendor.ts")], {
  stdout: "inherit",
  stderr: "inherit",
});
if (vendor.exitCode !== 0) process.exit(vendor.exitCode ?? 1);

/**
 * The migrations the binary embeds: the SQL files and the journal (src/db/migrate.ts), staged in
 * a directory of their own (an asset directory keeps its name, a single file would lose its
 * folder). drizzle-kit's schema snapshots beside them (1.3 MiB) serve `drizzle-kit generate` only.
 */
function stageMigrations(): string {
  const staged = join(staging, "migrations");
  mkdirSync(join(staged, "meta"), { recursive: true });
  for (const name of readdirSync(join(root, "migrations")))
    if (name.endsWith(".sql")) copyFileSync(join(root, "migrations", name), join(staged, name));
  copyFileSync(join(root, "migrations/meta/_journal.json"), join(staged, "meta/_journal.json"));
  return staged;
}

rmSync(outfile, { force: true });
const started = performance.now();
const migrations = stageMigrations();
const packed = packLibsqlAddon();
const result = await Bun.build({
  // The sampler runs in a Worker: its file must be an entrypoint of its own to be embedded.
  entrypoints: [join(root, "src/main.ts"), join(root, "src/monitor/sampler.worker.ts")],
  compile: {
    target: `bun-${TARGET}`,
    outfile,
    assets: ["./public", migrations, "./config", "./locales"],
    autoloadDotenv: false,
    autoloadBunfig: false,
  },
  // Precompiled bytecode of each module's top-level code (`bytecodeDepth: 0`); nested functions
  // are compiled from source when first called. Measured side by side (README, "What the binary
  // is made of"): against no bytecode it halves a cold start's CPU and `warden version` (13 ms
  // against ~240 ms, the whole bundle evaluated); against bytecode of every function it costs
  // ~20 % more CPU at a cold start and ~2 MiB more anonymous memory but makes the binary 9 MiB
  // smaller (115 against 124 MiB). CommonJS rather than ESM: no module record for the whole
  // bundle and no ES module loader at run time (about 1.5 MiB less anonymous memory and fewer
  // pages of Bun's code at idle). So no top-level await anywhere (src/main.ts), and
  // `import.meta.dir` is the build machine's source directory in the binary (src/lib/paths.ts
  // uses Bun.main instead).
  bytecode: true,
  bytecodeDepth: 0,
  format: "cjs",
  minify: true,
  sourcemap: "none",
  plugins: [libsqlNative(packed), routeManifest(), zodEnglishOnly()],
  // The packed libSQL library: embedded as a file, its path is what `require` returns.
  loader: { ".zst": "file" },
  root,
});
rmSync(staging, { recursive: true, force: true });
if (!result.success) {
  for (const message of result.logs) console.error(message);
  process.exit(1);
}
const size = Bun.file(outfile).size;
console.log(
  `built ${outfile} (${(size / 1024 / 1024).toFixed(1)} MiB) in ${Math.round(performance.now() - started)} ms`,
);
