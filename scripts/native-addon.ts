// Finds the libSQL native addon (index.node) for a build target. The host's comes from
// node_modules as `bun install` put it there; another architecture's package is skipped by
// `bun install` (its package.json names another cpu), so it is fetched from the npm registry at
// exactly the version and integrity bun.lock records, and kept under node_modules/.cache.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dir, "..");

/** A build target Warden ships: Bun's `bun-<target>` and libSQL's `@libsql/<target>-gnu`. */
export type BuildTarget = "linux-x64" | "linux-arm64";

/** The build target of the machine running the build. */
export function hostTarget(): BuildTarget {
  if (process.platform !== "linux" || (process.arch !== "x64" && process.arch !== "arm64"))
    throw new Error(`Warden builds on linux x64 or arm64, not ${process.platform} ${process.arch}`);
  return `linux-${process.arch}`;
}

/** Absolute path of the libSQL addon for `target`, fetched and verified when not installed. */
export async function nativeAddon(target: BuildTarget): Promise<string> {
  const name = `@libsql/${target}-gnu`;
  const installed = join(root, "node_modules", name, "index.node");
  if (existsSync(installed)) return installed;
  const { version, integrity } = lockedPackage(name);
  const dir = join(root, "node_modules/.cache/warden-native", `${target}-gnu@${version}`);
  const addon = join(dir, "package/index.node");
  if (existsSync(addon)) return addon;
  const registry = (process.env.npm_config_registry ?? "https://registry.npmjs.org").replace(/\/$/, "");
  const url = `${registry}/${name}/-/${target}-gnu-${version}.tgz`;
  const response = await fetch(url);
  if (!response.ok) throw new Error(`native-addon: ${url} answered ${response.status}`);
  const tarball = new Uint8Array(await response.arrayBuffer());
  const [algorithm, expected] = integrity.split("-", 2) as [string, string];
  const actual = new Bun.CryptoHasher(algorithm as "sha512").update(tarball).digest("base64");
  if (actual !== expected)
    throw new Error(`native-addon: ${url} does not match the integrity bun.lock records`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await Bun.write(join(partial, "package.tgz"), tarball);
  const untar = Bun.spawnSync(["tar", "-xzf", "package.tgz"], { cwd: partial, stderr: "pipe" });
  if (untar.exitCode !== 0) throw new Error(`native-addon: could not unpack ${url}: ${untar.stderr}`);
  rmSync(dir, { recursive: true, force: true });
  renameSync(partial, dir);
  console.log(`native-addon: fetched ${name}@${version} (integrity checked against bun.lock)`);
  return addon;
}

/** The version and integrity bun.lock pins for package `name`. */
function lockedPackage(name: string): { version: string; integrity: string } {
  const lock = readFileSync(join(root, "bun.lock"), "utf8");
  const escaped = name.replace(/[/@.-]/g, "\\$&");
  const entry = lock.match(
    new RegExp(`"${escaped}": \\["${escaped}@([^"]+)", "[^"]*", \\{[^}]*\\}, "([^"]+)"\\]`),
  );
  if (!entry) throw new Error(`native-addon: bun.lock has no entry for ${name}`);
  return { version: entry[1] as string, integrity: entry[2] as string };
}
