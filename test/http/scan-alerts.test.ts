/**
 * A port found newly open by a scan raises a SOC alert (source `scan`), through the app's own
 * wiring: the first scan of a target is the baseline, the next one finds a listener opened in
 * between, and a third one that finds it still open raises nothing new.
 */
import { expect, test } from "bun:test";
import { jsonInit, useTestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { closedPort } from "../helpers/receivers.ts";

const t = useTestApp({ scanner: { connectTimeoutMs: 500, bannerTimeoutMs: 100 } });

async function scanToEnd(ports: string): Promise<string> {
  const res = await t.as("admin", "/api/v1/scans", jsonInit({ target: "127.0.0.1", ports }));
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await until(`scan ${id} to complete`, async () => {
    const { scan } = await (await t.as("admin", `/api/v1/scans/${id}`)).json();
    return scan.status === "completed";
  });
  return id;
}

const scanAlerts = async () =>
  (await (await t.as("analyst", "/api/v1/soc/alerts?source=scan")).json()).items as {
    id: string;
    dedupKey: string;
    host: string;
    count: number;
  }[];

test("a newly open port raises one alert; a port that stays open raises nothing more", async () => {
  const port = closedPort();
  await scanToEnd(String(port));
  expect(await scanAlerts()).toEqual([]);

  const server = Bun.listen({ hostname: "127.0.0.1", port, socket: { data() {} } });
  try {
    const second = await scanToEnd(String(port));
    const [alert] = await until("the scan alert", async () => {
      const found = await scanAlerts();
      return found.length > 0 ? found : null;
    });
    expect(alert).toMatchObject({ dedupKey: `scan:127.0.0.1:${port}`, host: "127.0.0.1", count: 1 });
    const detail = await (await t.as("analyst", `/api/v1/soc/alerts/${alert?.id}`)).json();
    expect(detail.context).toMatchObject({ scanId: second, port, target: "127.0.0.1" });

    await scanToEnd(String(port));
    expect((await scanAlerts()).map((a) => a.count)).toEqual([1]);
  } finally {
    server.stop(true);
  }
});
