/**
 * `host_down`: an agent host silent for `hosts.downAfterSeconds` raises one high alert naming
 * it, closed with a note when it reports again; a revoked host raises nothing. Real
 * WebSocket agents that stop sending while their sockets stay open.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { hostDownKey } from "../../src/modules/hosts/host-watch.ts";
import { alertEvents, alerts } from "../../src/modules/soc/alerts-schema.ts";
import {
  agentSocket,
  enrolmentToken,
  HOST,
  hello,
  sample,
  startHub,
  type TestHub,
} from "../helpers/agent-client.ts";
import type { TestApp } from "../helpers/app.ts";
import type { ListeningApp } from "../helpers/listen.ts";

let hub: TestHub;
let t: TestApp;
let served: ListeningApp;

beforeAll(async () => {
  hub = await startHub({
    monitor: { intervalMs: 250 },
    hosts: { staleAfterSeconds: 2, downAfterSeconds: 5 },
  });
  ({ t, served } = hub);
});
afterAll(() => hub.stop());

/** The alerts of `hostId`'s host_down key. */
const downAlerts = (hostId: string) =>
  t.database.db
    .select()
    .from(alerts)
    .where(eq(alerts.dedupKey, hostDownKey(hostId)));

async function until<T>(probe: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > ms) throw new Error(`not seen in ${ms} ms`);
    await Bun.sleep(100);
  }
}

/** An enrolled agent that has sent one sample, stored. */
async function reportingAgent(token: string, hostname: string, machineKey: string) {
  const agent = agentSocket(served.url);
  await agent.opened;
  agent.send(hello({ enrol: { token } }, { machineKey, host: { ...HOST, hostname } }));
  const { hostId } = await agent.message<{ hostId: string }>("welcome");
  let seq = 0;
  const report = async () => {
    agent.send({ type: "samples", seq: seq++, sentAt: Date.now(), samples: [sample(Date.now())] });
    await t.hosts.writer.flush();
  };
  await report();
  return { agent, hostId, report };
}

test("a silent host raises host_down once and it closes with a note when the host is back; a revoked one raises nothing", async () => {
  const token = await enrolmentToken(t, 3);
  const quiet = await reportingAgent(token, "quiet-one", "c".repeat(32));
  const revoked = await reportingAgent(token, "gone-one", "d".repeat(32));
  const retired = await reportingAgent(token, "retired-one", "e".repeat(32));
  expect((await t.as("admin", `/api/v1/hosts/${revoked.hostId}`, { method: "DELETE" })).status).toBe(204);

  const [alert] = await until(async () => {
    const rows = await downAlerts(quiet.hostId);
    return rows.length > 0 && rows;
  }, 12_000);
  expect(alert).toMatchObject({ severity: "high", host: "quiet-one", source: "rule", status: "new" });
  expect(alert?.title).toContain("quiet-one");
  expect(alert?.context).toMatchObject({ rule: "host_down", hostId: quiet.hostId });
  // The CMDB asset the host was linked to at its hello.
  expect((alert?.context as { assetId?: unknown } | undefined)?.assetId).toBeString();
  // Further checks while it stays silent do not raise it again.
  await Bun.sleep(2500);
  expect((await downAlerts(quiet.hostId)).map((a) => a.count)).toEqual([1]);
  expect(await downAlerts(revoked.hostId)).toEqual([]);

  // Revoked while down: its alert is closed, saying why.
  expect((await downAlerts(retired.hostId)).map((a) => a.status)).toEqual(["new"]);
  expect((await t.as("admin", `/api/v1/hosts/${retired.hostId}`, { method: "DELETE" })).status).toBe(204);
  await until(async () => (await downAlerts(retired.hostId))[0]?.status === "closed", 8000);

  await quiet.report();
  const closed = await until(async () => {
    const [row] = await downAlerts(quiet.hostId);
    return row?.status === "closed" && row;
  }, 8000);
  const history = await t.database.db.select().from(alertEvents).where(eq(alertEvents.alertId, closed.id));
  expect(history.some((h) => h.toValue === "closed" && h.body.includes("reports again"))).toBe(true);
  quiet.agent.socket.close();
}, 30_000);
