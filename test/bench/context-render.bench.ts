// What drawing an alert's context costs, in process through the whole app stack:
//
//   bun test/bench/context-render.bench.ts [--renders=20]
//
// `GET /soc/<id>` for alerts whose context is a size sweep (2,000, 20,000 and 200,000
// characters, the most a context may hold) of two shapes: "worst", an array of objects that
// each have a key of their own (as many columns as rows: the shape that made the old table
// drawing quadratic, 4.7 s for 7.7 KB), and "typical", a table of processes with a few
// columns. Beside each: the same page with a two-row context, the reference every alert page
// pays. Prints the median and p90 server time and the HTML size; no figure fails the run.
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { intOption } from "./helpers.ts";
import { figure, heading, ms, printMachine, printRows, runBench, stats } from "./report.ts";

const RENDERS = intOption("renders", "BENCH_CONTEXT_RENDERS", 20);
const SIZES = [2_000, 20_000, 200_000];

/** A context of about `chars` characters of JSON (never more), rows added by `row(i)`. */
function contextOf(chars: number, row: (i: number) => Record<string, unknown>): Record<string, unknown> {
  const rows: Record<string, unknown>[] = [];
  let size = JSON.stringify({ rows }).length;
  for (let i = 0; ; i++) {
    const next = row(i);
    const grow = JSON.stringify(next).length + (rows.length > 0 ? 1 : 0);
    if (size + grow > chars) break;
    rows.push(next);
    size += grow;
  }
  return { rows };
}

type Row = (i: number) => Record<string, unknown>;
const worst: Row = (i) => ({ [`k${i}`]: i });
const typical: Row = (i) => ({
  pid: 1000 + i,
  name: `worker-${i}`,
  user: "www-data",
  cpu: (i % 97) + 0.5,
  memMiB: i % 512,
});
const SHAPES = { worst, typical };

async function raise(t: TestApp, token: string, context: Record<string, unknown>): Promise<string> {
  const res = await t.app.request(
    "/api/v1/soc/alerts",
    jsonInit({ title: "Context bench", severity: "low", context }, "POST", {
      Authorization: `Bearer ${token}`,
    }),
  );
  if (res.status !== 201) throw new Error(`raise answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

async function measure(
  t: TestApp,
  token: string,
  id: string,
): Promise<{ median: number; p90: number; bytes: number }> {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RENDERS; i++) {
    const started = performance.now();
    const res = await t.app.request(`/soc/${id}`, { headers: { Authorization: `Bearer ${token}` } });
    const html = await res.arrayBuffer();
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`GET /soc/${id} answered ${res.status}`);
    bytes = html.byteLength;
  }
  const s = stats(times);
  return { median: s.median, p90: s.p90, bytes };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

runBench(async () => {
  await printMachine();
  const t = await createTestApp({ rateLimit: { enabled: false } });
  try {
    const token = await t.tokenFor("analyst");
    const reference = await measure(t, token, await raise(t, token, contextOf(300, typical)));
    heading(`GET /soc/<id>, ${RENDERS} renders each (reference: a two-row context)`);
    printRows([
      ["reference", `median ${ms(reference.median)}, p90 ${ms(reference.p90)}, ${kib(reference.bytes)}`],
    ]);
    for (const [shape, row] of Object.entries(SHAPES)) {
      for (const size of SIZES) {
        const r = await measure(t, token, await raise(t, token, contextOf(size, row)));
        const line = `median ${ms(r.median)}, p90 ${ms(r.p90)}, ${kib(r.bytes)} (reference ${ms(reference.median)}, ${kib(reference.bytes)})`;
        printRows([[`${shape} ${size.toLocaleString("en")} chars`, line]]);
        if (size === 200_000) figure(`alert page with a 200,000-character ${shape}-case context`, line);
      }
    }
  } finally {
    await t.close();
  }
});
