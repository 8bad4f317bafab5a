// Throughput and latency of the binary for GET /healthz (public: the whole middleware stack,
// almost no work) and GET / (the server-rendered dashboard, signed in), over loopback.
//
//   bun test/bench/http.bench.ts [--workers=4] [--requests=2000] [--duration=3] [--rounds=3] [--no-build]
//
// The load generators (bun fetch and, when installed, wrk), the best-of-rounds rule and the
// server CPU per request are described in load.ts. Before the server starts, the bench admin is
// created with `warden user create`; the dashboard is then requested with its bearer access
// token, and every answer must be a 200 (a 303 to /login would fail the benchmark).
// A bare `Bun.serve` answering "ok" is measured the same way, as the floor of this machine.
// The dashboard is measured compressed (`Accept-Encoding: gzip, deflate, br`, as browsers send).
// The rate limiter is off (it would answer 429 after 600 requests a minute). Access logs go to
// a file, as they would in production.
import { ensureBinary, freePort, HOST, NO_RATE_LIMIT, startSignedInServer, waitForOk } from "./helpers.ts";
import { describe, headline, loadOptions, type Measurement, measure } from "./load.ts";
import { figure, heading, printMachine, printRows, runBench } from "./report.ts";

/** A bare Bun.serve answering "ok" to everything: what this machine can do without Warden. */
async function startBaseline(): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const proc = Bun.spawn(
    [
      process.execPath,
      "-e",
      `Bun.serve({ hostname: "${HOST}", port: ${port}, fetch: () => new Response("ok") });`,
    ],
    { stdout: "ignore", stderr: "inherit" },
  );
  const url = `http://${HOST}:${port}`;
  await waitForOk(url, { alive: () => proc.exitCode === null });
  return {
    url,
    pid: proc.pid,
    async stop() {
      proc.kill("SIGTERM");
      await proc.exited;
    },
  };
}

runBench(async () => {
  const options = loadOptions();
  heading(`http (binary, loopback, best of ${options.rounds} rounds)`);
  await printMachine();
  await ensureBinary();
  if (!options.wrk) console.log("  wrk not installed (apt-get install wrk): bun fetch figures only");

  const results: Measurement[] = [];
  const server = await startSignedInServer("binary", { env: NO_RATE_LIMIT });
  try {
    results.push(...(await measure("GET /healthz", { url: `${server.url}/healthz` }, server.pid, options)));
    results.push(
      ...(await measure(
        "GET / (dashboard, signed in)",
        { url: `${server.url}/`, headers: server.auth },
        server.pid,
        options,
      )),
    );
  } finally {
    await server.stop();
  }
  const baseline = await startBaseline();
  try {
    results.push(...(await measure(`bare Bun.serve "ok"`, { url: baseline.url }, baseline.pid, options)));
  } finally {
    await baseline.stop();
  }

  printRows(results.map(({ label, result }) => [label, describe(result)]));
  console.log("");
  for (const { label, result } of results) figure(label, headline(result));
});
