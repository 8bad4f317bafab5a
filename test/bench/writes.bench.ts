// Writes through the API: 8 concurrent writers for a while, each looping over the write paths
// (open an incident, comment on it, raise a SOC alert on a shared dedup key, raise one on a
// fresh key), against this version and, as the reference in the same run, the version before
// the single writer (`--previous`, a git revision exported to a temporary directory and run
// from source like this one). Once on a quiet machine, once with two CPU-bound processes
// starving it, as on a loaded server. Prints writes/s, p50/p99 latency, answers ≥ 500 and the
// SQLITE_BUSY lines each server logged.
//
//   bun test/bench/writes.bench.ts [--seconds=15] [--writers=8] [--previous=0934b4f] [--no-previous]
import { symlinkSync } from "node:fs";
import { join } from "node:path";
import {
  freshWorkDir,
  intOption,
  NO_RATE_LIMIT,
  ROOT,
  removeDir,
  type SignedInServer,
  startSignedInServer,
  stringOption,
} from "./helpers.ts";
import { count, figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const SECONDS = intOption("seconds", "BENCH_SECONDS", 15);
const WRITERS = intOption("writers", "BENCH_WRITERS", 8);
/** The last commit before the single writer, the alert queue and audit-in-transaction. */
const PREVIOUS = stringOption("previous", "BENCH_PREVIOUS") ?? "0934b4f";
const WITH_PREVIOUS = !process.argv.includes("--no-previous");

interface WriteRun {
  writes: number;
  perSecond: number;
  latencies: number[];
  serverErrors: number;
  busyLines: number;
}

/** A copy of `revision`'s source tree with this tree's node_modules, or null without git. */
function exportRevision(revision: string): { root: string; base: string } | null {
  const { base } = freshWorkDir();
  const root = join(base, "source");
  const archive = Bun.spawnSync(
    ["sh", "-c", `mkdir -p '${root}' && git -C '${ROOT}' archive '${revision}' | tar -x -C '${root}'`],
    {
      stderr: "pipe",
    },
  );
  if (archive.exitCode !== 0) {
    console.log(`  note: cannot export ${revision} (${archive.stderr.toString().trim()}); no reference run`);
    removeDir(base);
    return null;
  }
  symlinkSync(join(ROOT, "node_modules"), join(root, "node_modules"));
  return { root, base };
}

/** Two busy loops in their own processes until the answer is called. */
function starve(): () => void {
  const hogs = [0, 1].map(() => Bun.spawn(["sh", "-c", "while :; do :; done"], { stdout: "ignore" }));
  return () => {
    for (const hog of hogs) hog.kill("SIGKILL");
  };
}

async function load(server: SignedInServer): Promise<WriteRun> {
  const headers = { ...server.auth, "Content-Type": "application/json" };
  const latencies: number[] = [];
  let serverErrors = 0;
  const post = async (path: string, body: unknown): Promise<{ id?: string } | null> => {
    const sent = performance.now();
    try {
      const res = await fetch(`${server.url}${path}`, {
        method: "POST",
        headers,
        body: JSON.stringify(body),
      });
      const text = await res.text();
      latencies.push(performance.now() - sent);
      if (res.status >= 500) serverErrors++;
      return res.status < 300 ? (JSON.parse(text) as { id?: string }) : null;
    } catch {
      serverErrors++;
      return null;
    }
  };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; performance.now() < until; n++) {
        const incident = await post("/api/v1/incidents", {
          title: `Bench incident ${writer}-${n}`,
          description: "Written by the writes benchmark.",
          severity: "medium",
          category: "other",
        });
        if (incident?.id) await post(`/api/v1/incidents/${incident.id}/comments`, { body: `Comment ${n}` });
        await post("/api/v1/soc/alerts", { title: "Shared", severity: "low", dedupKey: `shared-${n % 4}` });
        await post("/api/v1/soc/alerts", {
          title: `Fresh ${n}`,
          severity: "low",
          dedupKey: `fresh-${writer}-${n}`,
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const busyLines = server
    .log()
    .split("\n")
    .filter((line) => line.includes("SQLITE_BUSY")).length;
  return {
    writes: latencies.length,
    perSecond: latencies.length / seconds,
    latencies,
    serverErrors,
    busyLines,
  };
}

async function measure(label: string, sourceRoot: string | undefined, starved: boolean): Promise<WriteRun> {
  const server = await startSignedInServer("dev", { env: { ...NO_RATE_LIMIT }, sourceRoot });
  const stop = starved ? starve() : () => undefined;
  try {
    return await load(server);
  } finally {
    stop();
    await server
      .stop()
      .catch((error) =>
        console.log(`  note: ${label} stopped badly: ${(error as Error).message.split("\n")[0]}`),
      );
    removeDir(join(server.workDir, ".."));
  }
}

function row(run: WriteRun): string {
  const s = stats(run.latencies);
  return `${count(Math.round(run.perSecond))} writes/s · p50 ${ms(s.median)} · p99 ${ms(s.p99)} · ≥500: ${count(run.serverErrors)} · SQLITE_BUSY lines: ${count(run.busyLines)}`;
}

runBench(async () => {
  heading(`Writes through the API: ${WRITERS} concurrent writers, ${SECONDS} s each run`);
  await printMachine();
  const previous = WITH_PREVIOUS ? exportRevision(PREVIOUS) : null;
  try {
    for (const starved of [false, true]) {
      const condition = starved ? "two CPU hogs" : "quiet machine";
      const current = await measure("this version", undefined, starved);
      const rows: [string, string][] = [[`this version (${condition})`, row(current)]];
      if (previous)
        rows.push([`${PREVIOUS} (${condition})`, row(await measure(PREVIOUS, previous.root, starved))]);
      printRows(rows);
      const s = stats(current.latencies);
      figure(
        `API writes/s, ${WRITERS} writers, ${condition}`,
        `${count(Math.round(current.perSecond))} (p99 ${ms(s.p99)}, ≥500: ${current.serverErrors})`,
      );
    }
  } finally {
    if (previous) removeDir(previous.base);
  }
});
