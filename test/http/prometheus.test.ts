import { afterEach, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync } from "node:fs";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { requireTools } from "../helpers/tools.ts";

let t: TestApp;
afterEach(() => t.close());

/** The value of the series `series` (name with its labels, exactly as written) in `text`. */
function seriesValue(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  if (!line) throw new Error(`no series ${series} in the exposition`);
  return Number(line.slice(series.length + 1));
}

/** An app with `/metrics` on and the sampler running, plus an API token a scraper would use. */
async function scrapedApp(): Promise<{ scrape: () => Response | Promise<Response> }> {
  t = await createTestApp({ monitor: { prometheus: true, intervalMs: 250 } });
  t.metrics.start();
  const start = Date.now();
  while (t.metrics.snapshot().filesystems.length === 0 && Date.now() - start < 5000) await Bun.sleep(50);
  const token = (await (await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "prometheus" }))).json())
    .token;
  const scrape = () => t.app.request("/metrics", { headers: { Authorization: `Bearer ${token}` } });
  return { scrape };
}

describe("GET /metrics (Prometheus)", () => {
  test("is off by default", async () => {
    t = await createTestApp();
    expect((await t.as("viewer", "/metrics")).status).toBe(404);
  });

  test("passes `promtool check metrics`; an API token reads it, anonymous gets 401", async () => {
    requireTools("promtool");
    const { scrape } = await scrapedApp();
    await t.as("viewer", "/api/v1/incidents");
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    const promtool = Bun.spawn(["promtool", "check", "metrics"], {
      stdin: new Blob([text]),
      stdout: "pipe",
      stderr: "pipe",
    });
    const problems =
      (await new Response(promtool.stdout).text()) + (await new Response(promtool.stderr).text());
    expect(problems).toBe("");
    expect(await promtool.exited).toBe(0);
    expect((await t.as(null, "/metrics")).status).toBe(401);
  });

  test("host counters in node_exporter's names and labels agree with /proc read beside them", async () => {
    const { scrape } = await scrapedApp();
    const before = readFileSync("/proc/stat", "utf8");
    const text = await (await scrape()).text();
    const after = readFileSync("/proc/stat", "utf8");
    expect(text).toContain("# TYPE warden_cpu_seconds_total counter");
    // One series per core and mode; cpu0's seconds between two independent readings of /proc/stat.
    const cores = before.split("\n").filter((l) => /^cpu\d+ /.test(l)).length;
    expect(text.match(/^warden_cpu_seconds_total\{cpu="\d+",mode="idle"\} /gm)).toHaveLength(cores);
    const cpu0 = (stat: string) =>
      (stat.split("\n").find((l) => l.startsWith("cpu0 ")) as string)
        .split(/\s+/)
        .slice(1, 9)
        .reduce((sum, ticks) => sum + Number(ticks) / 100, 0);
    const modes = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"];
    const ours = modes.reduce(
      (sum, mode) => sum + seriesValue(text, `warden_cpu_seconds_total{cpu="0",mode="${mode}"}`),
      0,
    );
    expect(ours).toBeGreaterThanOrEqual(cpu0(before) - 1e-6);
    expect(ours).toBeLessThanOrEqual(cpu0(after) + 1e-6);

    const memTotal = Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1]) * 1024;
    expect(seriesValue(text, "warden_memory_total_bytes")).toBe(memTotal);
    expect(seriesValue(text, 'warden_network_receive_bytes_total{device="lo"}')).toBeGreaterThan(0);
    expect(text).toMatch(/^warden_disk_read_bytes_total\{device="[^"]+"\} \d+$/m);
    const root = t.metrics.snapshot().filesystems.find((f) => f.mount === "/");
    expect(root).toBeDefined();
    const rootLabels = `{device="${root?.fs}",fstype="${root?.type}",mountpoint="/"}`;
    expect(seriesValue(text, `warden_filesystem_size_bytes${rootLabels}`)).toBe(root?.size as number);
    expect(seriesValue(text, `warden_filesystem_avail_bytes${rootLabels}`)).toBeGreaterThan(0);
    expect(text).toMatch(/^warden_load1 \d+(\.\d+)?$/m);
  });

  test("process metrics describe this process", async () => {
    const { scrape } = await scrapedApp();
    const text = await (await scrape()).text();
    const now = Date.now() / 1000;
    expect(Math.abs(seriesValue(text, "process_start_time_seconds") - (now - process.uptime()))).toBeLessThan(
      2,
    );
    expect(seriesValue(text, "process_cpu_seconds_total")).toBeGreaterThan(0);
    const rss = seriesValue(text, "process_resident_memory_bytes");
    expect(Math.abs(rss - process.memoryUsage.rss()) / rss).toBeLessThan(0.2);
    expect(seriesValue(text, "process_virtual_memory_bytes")).toBeGreaterThan(rss);
    const fds = readdirSync(`/proc/${process.pid}/fd`).length;
    // Read a moment apart in a process whose other tests open and close sockets: close, not equal.
    expect(Math.abs(seriesValue(text, "process_open_fds") - fds)).toBeLessThanOrEqual(10);
    const limit = Bun.spawnSync(["sh", "-c", "ulimit -n"]).stdout.toString().trim();
    expect(seriesValue(text, "process_max_fds")).toBe(limit === "unlimited" ? -1 : Number(limit));
  });

  test("requests are counted by route pattern, never the raw URL; open incidents and alerts by severity", async () => {
    const { scrape } = await scrapedApp();
    const created = await t.as(
      "analyst",
      "/api/v1/incidents",
      jsonInit({ title: "Beacon", severity: "high" }),
    );
    expect(created.status).toBe(201);
    const { id } = await created.json();
    expect((await t.as("viewer", `/api/v1/incidents/${id}`)).status).toBe(200);
    expect((await t.as("viewer", `/api/v1/incidents/${Bun.randomUUIDv7()}`)).status).toBe(404);
    expect((await t.as(null, `/api/v1/incidents/${id}`)).status).toBe(401);
    await t.as("viewer", `/no/such/${id}`);
    const text = await (await scrape()).text();
    const route = 'route="/api/v1/incidents/:id",method="GET"';
    expect(seriesValue(text, `warden_http_requests_total{${route},status="200"}`)).toBe(1);
    expect(seriesValue(text, `warden_http_requests_total{${route},status="404"}`)).toBe(1);
    expect(seriesValue(text, `warden_http_requests_total{${route},status="401"}`)).toBe(1);
    expect(seriesValue(text, `warden_http_request_duration_seconds_count{${route}}`)).toBe(3);
    expect(seriesValue(text, `warden_http_request_duration_seconds_bucket{${route},le="+Inf"}`)).toBe(3);
    expect(text).toMatch(/^warden_http_requests_total\{route="unmatched",method="GET",status="404"\} 1$/m);
    expect(text).not.toContain(id);
    expect(seriesValue(text, 'warden_incidents_open{severity="high"}')).toBe(1);
    expect(seriesValue(text, 'warden_incidents_open{severity="critical"}')).toBe(0);
    expect(seriesValue(text, 'warden_alerts_open{severity="high"}')).toBe(0);
    expect(seriesValue(text, 'warden_scan_probes_total{result="open"}')).toBe(0);
    expect(seriesValue(text, 'warden_notification_deliveries_total{channel="webhook",outcome="sent"}')).toBe(
      0,
    );
  });
});
