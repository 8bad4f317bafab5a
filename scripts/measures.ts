/**
 * The measures of the module kit (docs/modules.md, "Measures of the kit"), each worked out
 * the same way every time: `bun scripts/measures.ts [REV]`.
 *
 * - lines of `src/` and `views/` (`.ts`/`.tsx`, not tests), in all and without blank and
 *   comment-only lines, and how many of them are features added since the kit began;
 * - the six first record modules, the kit, the shared view parts, the minimal module (vendors);
 * - the largest file;
 * - with the `duplicates` tool on the PATH and no REV (it reads the working tree): its pairs,
 *   where they lie, and every pair between two record modules.
 *
 * REV (default: the working tree as committed at HEAD) lets a measure be taken again at an
 * older commit, e.g. `bf70bb7` where the kit began.
 */
import { spawnSync } from "node:child_process";

const rev = process.argv[2] ?? "HEAD";

/** Git's answer to `args`, or the reason it failed. */
function git(...args: string[]): string {
  const run = spawnSync("git", args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")}: ${run.stderr.trim()}`);
  return run.stdout;
}

/** The lines of a file's text (a last newline ends the last line, it does not start one). */
function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (text.endsWith("\n")) lines.pop();
  return lines;
}

/** How many of `lines` are code: not blank, not `//` lines, not inside or opening a block comment. */
function codeLines(lines: string[]): number {
  let code = 0;
  let inBlock = false;
  for (const line of lines) {
    const s = line.trim();
    if (inBlock) {
      if (s.includes("*/")) inBlock = false;
    } else if (s.startsWith("/*") || s.startsWith("{/*")) {
      inBlock = !s.includes("*/");
    } else if (s !== "" && !s.startsWith("//")) code++;
  }
  return code;
}

const files = git("ls-tree", "-r", "--name-only", rev, "src", "views")
  .split("\n")
  .filter((f) => /\.tsx?$/.test(f));
const texts = new Map(files.map((f) => [f, linesOf(git("show", `${rev}:${f}`))]));
const count = (match: (f: string) => boolean) =>
  files.filter(match).reduce((sum, f) => sum + (texts.get(f)?.length ?? 0), 0);
const under =
  (...folders: string[]) =>
  (f: string) =>
    folders.some((d) => f.startsWith(`${d}/`));

const RECORD_MODULES = ["incidents", "assets", "vulnerabilities", "documents", "soc"];
const FIRST_SIX = under(...RECORD_MODULES.flatMap((m) => [`src/modules/${m}`, `views/pages/${m}`]));
// Features added since the kit began (bf70bb7): the governance modules, search, the host
// registry and its agent, the kit's search index, single sign-on, second factors and passkeys.
const LATER = (f: string) =>
  under(
    ...["risks", "threats", "vendors", "search", "hosts"].flatMap((m) => [
      `src/modules/${m}`,
      `views/pages/${m}`,
    ]),
  )(f) ||
  /^src\/cli\/agent/.test(f) ||
  /^src\/kit\/search/.test(f) ||
  /^(src\/modules|views\/pages)\/auth\/.*(oidc|sso|mfa|passkey|totp)/.test(f);

const total = count(() => true);
const code = files.reduce((sum, f) => sum + codeLines(texts.get(f) ?? []), 0);
const later = count(LATER);
const vendorFiles = files.filter(under("src/modules/vendors", "views/pages/vendors"));
const vendorMigration = git("ls-tree", "-r", "--name-only", rev, "migrations")
  .split("\n")
  .filter((f) => /_vendors\.sql$/.test(f));
const vendors =
  count((f) => vendorFiles.includes(f)) +
  vendorMigration.reduce((sum, f) => sum + linesOf(git("show", `${rev}:${f}`)).length, 0);
const largest = files
  .filter((f) => !f.includes(".generated."))
  .map((f) => ({ f, n: texts.get(f)?.length ?? 0 }))
  .sort((a, b) => b.n - a.n)[0];

const rows: [string, string][] = [
  ["src + views, lines", `${total} (${code} without blank and comment-only lines)`],
  ["of which features added since the kit began", `${later}; the rest: ${total - later}`],
  ["the six first record modules", `${count(FIRST_SIX)}`],
  ["src/kit", `${count(under("src/kit"))}`],
  ["views/components", `${count(under("views/components"))}`],
  [
    "minimal module (vendors: folder, views, migration)",
    `${vendors} in ${vendorFiles.length + vendorMigration.length} files`,
  ],
  ["largest file", `${largest?.n} (${largest?.f})`],
];
for (const [what, figure] of rows) console.log(`${what.padEnd(52)} ${figure}`);

if (process.argv[2] === undefined) {
  const run = spawnSync("duplicates", ["--most", "200", "--seconds", "300"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) console.log("duplicates: not on the PATH, pairs not counted");
  else {
    const lines = run.stdout.split("\n");
    const pairs = lines.flatMap((l) => {
      const m = /^D\d+ (\S+?):\S+ ~ (\S+?):\S+/.exec(l);
      return m ? [{ line: l, a: m[1] as string, b: m[2] as string }] : [];
    });
    const where = (p: { a: string; b: string }) =>
      p.a.startsWith("migrations/") && p.b.startsWith("migrations/")
        ? "migrations"
        : p.a.startsWith("test/") || p.b.startsWith("test/")
          ? "tests"
          : "src, views, public, scripts";
    const byPlace = Map.groupBy(pairs, where);
    console.log(`${"duplicates, pairs".padEnd(52)} ${lines[0]?.split(" ")[0]}`);
    for (const [place, list] of byPlace) console.log(`${`  in ${place}`.padEnd(52)} ${list.length}`);
    const recordModule =
      /^(?:src\/modules|views\/pages)\/(incidents|assets|vulnerabilities|documents|soc|risks|threats|vendors)\//;
    const between = pairs.filter((p) => {
      const a = recordModule.exec(p.a)?.[1];
      const b = recordModule.exec(p.b)?.[1];
      return a !== undefined && b !== undefined && a !== b;
    });
    console.log(`${"  between two record modules".padEnd(52)} ${between.length}`);
    for (const p of between) console.log(`    ${p.line}`);
  }
}
