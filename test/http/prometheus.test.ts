import { afterEach, describe, expect, test } from "bun:test";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";

let t: TestApp;
afterEach(() => t.close());

describe("GET /metrics (Prometheus)", () => {
  test("is off by default", async () => {
    t = await createTestApp();
    expect((await t.as("viewer", "/metrics")).status).toBe(404);
  });

  test("when on: the latest sample in the text format, for an API token; anonymous 401", async () => {
    t = await createTestApp({ monitor: { prometheus: true, intervalMs: 250 } });
    t.metrics.start();
    const start = Date.now();
    while (!t.metrics.snapshot().latest && Date.now() - start < 5000) await Bun.sleep(50);
    const token = (await (await t.as("viewer", "/api/v1/tokens", jsonInit({ name: "prometheus" }))).json())
      .token;
    const res = await t.app.request("/metrics", { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toContain("# TYPE warden_cpu_busy_percent gauge");
    expect(text).toMatch(/^warden_cpu_busy_percent \d+(\.\d+)?$/m);
    expect(text).toMatch(/^warden_memory_total_bytes [1-9]\d*$/m);
    expect(text).toMatch(/^warden_load_average\{period="1m"\} /m);
    expect((await t.as(null, "/metrics")).status).toBe(401);
  });
});
