/**
 * Alert rules with a host scope: a metric rule scoped to all hosts, to host ids or to an
 * asset tag is evaluated on agents' samples as they arrive (batched per tick) and raises an
 * alert per host naming it; a rule without a scope watches the local host only, as before.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { eq } from "drizzle-orm";
import { hosts } from "../../src/modules/hosts/schema.ts";
import type { AlertSink, RaiseInput } from "../../src/monitor/alert-sink.ts";
import {
  agentSocket,
  enrolmentToken,
  hello,
  sample,
  startHub,
  type TestHub,
} from "../helpers/agent-client.ts";
import { jsonInit, type TestApp } from "../helpers/app.ts";
import type { ListeningApp } from "../helpers/listen.ts";
import { metric, postRule } from "../helpers/rules.ts";

/** Records what the engine raises. */
class RecordingSink implements AlertSink {
  raised: RaiseInput[] = [];
  async raise(input: RaiseInput) {
    this.raised.push(input);
  }
  async close() {}
}

let hub: TestHub;
let t: TestApp;
let served: ListeningApp;
const sink = new RecordingSink();

beforeAll(async () => {
  hub = await startHub({ monitor: { intervalMs: 250 } }, { alertSink: sink });
  ({ t, served } = hub);
  await t.ruleEngine.start();
});
afterAll(() => hub.stop());

async function createRule(hostsScope: unknown, name: string): Promise<string> {
  const res = await postRule(t, "admin", name, metric("cpu", ">", 80), {
    severity: "high",
    ...(hostsScope === undefined ? {} : { hosts: hostsScope }),
  });
  expect(res.status).toBe(201);
  const rule = (await res.json()) as { id: string; hosts: unknown };
  expect(rule.hosts).toEqual(hostsScope ?? "local");
  return rule.id;
}

test("a bad scope is a 422 naming the field", async () => {
  const res = await postRule(t, "admin", "x", metric("cpu", ">", 1), { hosts: "some" });
  expect(res.status).toBe(422);
  expect(await res.text()).toContain("hosts");
});

test("scoped rules fire on an agent's samples with its name; the local-only rule does not", async () => {
  const agent = agentSocket(served.url);
  await agent.opened;
  agent.send(hello({ enrol: { token: await enrolmentToken(t) } }));
  const { hostId } = await agent.message<{ hostId: string }>("welcome");
  // Tag the host's CMDB asset (linked just after the hello) "web".
  let assetId: string | null = null;
  for (let i = 0; i < 100 && !assetId; i++) {
    [{ assetId = null } = { assetId: null }] = await t.database.db
      .select({ assetId: hosts.assetId })
      .from(hosts)
      .where(eq(hosts.id, hostId));
    if (!assetId) await Bun.sleep(50);
  }
  const asset = (await (await t.as("admin", `/api/v1/cmdb/assets/${assetId}`)).json()) as { version: number };
  const tagged = await t.as(
    "admin",
    `/api/v1/cmdb/assets/${assetId}`,
    jsonInit({ tags: ["web"], version: asset.version }, "PATCH"),
  );
  expect(tagged.status).toBe(200);

  const all = await createRule("all", "CPU anywhere");
  const byId = await createRule({ ids: [hostId] }, "CPU on that host");
  const byTag = await createRule({ tag: "web" }, "CPU on web hosts");
  const otherTag = await createRule({ tag: "db" }, "CPU on database hosts");
  const local = await createRule(undefined, "CPU here");

  agent.send({ type: "samples", seq: 0, sentAt: Date.now(), samples: [sample(Date.now(), 95)] });
  await agent.message("ack");
  await t.ruleEngine.tickHosts();
  await t.ruleEngine.settled();
  const keys = sink.raised.map((r) => r.dedupKey);
  for (const id of [all, byId, byTag]) expect(keys).toContain(`rule:${id}:host:${hostId}`);
  expect(keys.some((k) => k.includes(otherTag) || k.includes(local))).toBe(false);
  const raised = sink.raised.find((r) => r.dedupKey === `rule:${all}:host:${hostId}`);
  expect(raised).toMatchObject({ host: "agent-one", severity: "high", source: "rule" });
  expect(raised?.title).toContain("agent-one");
  expect(raised?.context).toMatchObject({ hostId, value: 95 });
  // A test evaluation measures the agent host by what it reported last, not the local host.
  const tested = await t.as("admin", `/api/v1/soc/rules/${byTag}/test`, { method: "POST" });
  expect(tested.status).toBe(200);
  const { readings } = (await tested.json()) as { readings: { subject: string; value: number }[] };
  expect(readings).toEqual([expect.objectContaining({ subject: `host:${hostId}`, value: 95 })]);
  agent.socket.close();
});
