// `bun run build`: dist/warden for this machine (as `bun scripts/build.ts` alone builds it) and
// the release artefacts dist/warden-linux-x64 and dist/warden-linux-arm64, each with a
// `sha256sum -c`-compatible dist/<artefact>.sha256. The host's artefact is a copy of
// dist/warden; the other architecture is cross-compiled (Bun fetches its runtime; the libSQL
// addon comes from scripts/native-addon.ts).
import { copyFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { type BuildTarget, hostTarget } from "./native-addon.ts";

const root = join(import.meta.dir, "..");
/** The release targets, one artefact each. */
const TARGETS: BuildTarget[] = ["linux-x64", "linux-arm64"];

function build(args: string[] = []): void {
  const run = Bun.spawnSync(["bun", join(root, "scripts/build.ts"), ...args], {
    stdout: "inherit",
    stderr: "inherit",
  });
  if (run.exitCode !== 0) process.exit(run.exitCode ?? 1);
}

build();
const host = hostTarget();
for (const target of TARGETS) {
  const artefact = join(root, `dist/warden-${target}`);
  if (target === host) copyFileSync(join(root, "dist/warden"), artefact);
  else build(["--target", target, "--outfile", artefact]);
  const sum = new Bun.CryptoHasher("sha256").update(await Bun.file(artefact).bytes()).digest("hex");
  writeFileSync(`${artefact}.sha256`, `${sum}  ${basename(artefact)}\n`);
  console.log(`${basename(artefact)}  sha256 ${sum}`);
}
