// A real Prometheus (Debian's package) scrapes a real Warden server over loopback with an
// API token, configured by the README's example (docs/prometheus.yml), and answers queries
// for Warden's series, and for the host series under node_exporter's names, through its
// own HTTP API.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Subprocess } from "bun";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import { requireTools } from "../helpers/tools.ts";

/** A loopback port free a moment ago (bound, then released) for Prometheus to listen on. */
function freePort(): number {
  const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
  const { port } = server;
  server.stop(true);
  return port;
}

interface QueryResult {
  status: string;
  data: { result: { metric: Record<string, string>; value: [number, string] }[] };
}

let t: TestApp;
let server: ListeningApp;
let prometheus: Subprocess;
let dir: string;
let api: string;

beforeAll(async () => {
  requireTools("prometheus");
  t = await createTestApp({ monitor: { prometheus: true } });
  server = listen(t);
  const token = (await (await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "prometheus" }))).json())
    .token;
  dir = mkdtempSync(join(tmpdir(), "warden-prometheus-"));
  writeFileSync(join(dir, "token"), token, { mode: 0o600 });
  // The README's example configuration, pointed at this server and token, scraping every second.
  const example = readFileSync(join(import.meta.dir, "../../docs/prometheus.yml"), "utf8")
    .replaceAll("scheme: https", "scheme: http")
    .replaceAll("warden.example.org:8443", new URL(server.url).host)
    .replaceAll("/etc/prometheus/warden.token", join(dir, "token"));
  writeFileSync(
    join(dir, "prometheus.yml"),
    `global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n${example}`,
  );
  const port = freePort();
  api = `http://127.0.0.1:${port}/api/v1`;
  prometheus = Bun.spawn(
    [
      "prometheus",
      `--config.file=${join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdout: "ignore", stderr: "pipe" },
  );
});

afterAll(async () => {
  prometheus?.kill();
  await prometheus?.exited;
  await server?.stop();
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The instant query `query` through Prometheus' HTTP API; null until Prometheus answers. */
async function query(query: string): Promise<QueryResult["data"]["result"] | null> {
  const res = await fetch(`${api}/query?query=${encodeURIComponent(query)}`).catch(() => null);
  if (!res?.ok) return null;
  const body = (await res.json()) as QueryResult;
  return body.status === "success" ? body.data.result : null;
}

describe("a real Prometheus scraping Warden", () => {
  test("scrapes /metrics with a bearer token and answers Warden's series through /api/v1/query", async () => {
    const up = await until(
      "Prometheus to have scraped Warden",
      async () => {
        if (prometheus.exitCode !== null)
          throw new Error(
            `prometheus exited: ${await new Response(prometheus.stderr as ReadableStream).text()}`,
          );
        const result = await query('up{job="warden"} == 1');
        return result && result.length > 0 ? result : null;
      },
      15_000,
    );
    expect(up[0]?.metric.instance).toBe(new URL(server.url).host);

    const idle = await query('warden_cpu_seconds_total{job="warden",mode="idle"}');
    const cpus = readFileSync("/proc/stat", "utf8")
      .split("\n")
      .filter((l) => /^cpu\d+ /.test(l))
      .map((l) => l.slice(3, l.indexOf(" ")));
    expect(idle?.map((s) => s.metric.cpu).sort()).toEqual(cpus.sort());
    expect(Number(idle?.[0]?.value[1])).toBeGreaterThan(0);
    // The scrapes themselves, counted under the route pattern (a scrape shows those before it).
    const scrapes = await until("a scrape that counted the one before it", async () => {
      const result = await query('warden_http_requests_total{job="warden",route="/metrics",status="200"}');
      return result?.[0];
    });
    expect(scrapes.metric.method).toBe("GET");
    expect(Number(scrapes.value[1])).toBeGreaterThanOrEqual(1);

    // The second job renames the host series as node_exporter names them and keeps only those.
    const memTotal = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1]) * 1024;
    const memory = await until("the renaming job's first scrape", async () =>
      (await query('node_memory_MemTotal_bytes{job="warden-node"}'))?.at(0),
    );
    expect(Number(memory.value[1])).toBe(memTotal);
    const nodeIdle = await query('node_cpu_seconds_total{job="warden-node",mode="idle"}');
    expect(nodeIdle).toHaveLength(cpus.length);
    expect(await query('{job="warden-node",__name__=~"warden_.+|process_.+"}')).toEqual([]);
  }, 20_000);
});
