/**
 * The whole path from a threshold to an incident, for real: a rule that fires at once on the
 * host's CPU raises an alert carrying the process snapshot; the analyst following its severity
 * sees the notification on a real SSE stream and gets an e-mail on a real SMTP server; a real
 * HTTP receiver gets the webhook, signed; the rule re-notifies and the alert is counted, not
 * duplicated; escalation opens an incident whose timeline holds the snapshot. A webhook
 * endpoint that is down is retried while the request that caused its event succeeded at once.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { until } from "../helpers/desktop.ts";
import { type ListeningApp, listen } from "../helpers/listen.ts";
import {
  closedPort,
  LOOPBACK_ALLOWED,
  startReceiver,
  startSmtpServer,
  verifiesAsReceiver,
} from "../helpers/receivers.ts";
import { metric, postRule } from "../helpers/rules.ts";
import { openSse, type SseClient } from "../helpers/sse-client.ts";

const SECRET = "alert-path-secret-0123456789";

let t: TestApp;
let served: ListeningApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: ReturnType<typeof startReceiver>;
let stream: SseClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = startReceiver();
  t = await createTestApp({
    monitor: { intervalMs: 250 },
    alerts: { defaults: false },
    ...LOOPBACK_ALLOWED,
    smtp: { host: "127.0.0.1", port: smtp.port, starttls: false, from: "Warden <warden@example.test>" },
    notifications: {
      pollIntervalMs: 100,
      backoffBaseMs: 50,
      backoffMaxMs: 200,
      maxAttempts: 4,
      timeoutMs: 2000,
    },
  });
  t.metrics.start();
  await t.ruleEngine.start();
  served = listen(t);
  // The analyst follows high alerts, in the app and by e-mail.
  const prefs = await (await t.as("analyst", "/api/v1/notifications/preferences")).json();
  const put = await t.as(
    "analyst",
    "/api/v1/notifications/preferences",
    jsonInit(
      {
        ...prefs,
        types: { ...prefs.types, alert: { inApp: true, email: true } },
        alertSeverities: ["critical", "high"],
      },
      "PUT",
    ),
  );
  expect(put.status).toBe(200);
  stream = await openSse(`${served.url}/events?topics=notifications`, {
    Authorization: `Bearer ${await t.tokenFor("analyst")}`,
  });
});

afterAll(async () => {
  stream?.close();
  served?.stop();
  await t?.close();
  receiver?.stop();
  await smtp?.stop();
});

async function addWebhook(url: string) {
  const res = await t.as(
    "admin",
    "/api/v1/integrations/webhooks",
    jsonInit({ name: "SIEM", url, secret: SECRET, events: ["alert.fired"] }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

test("rule → alert with snapshot → SSE notification, e-mail, signed webhook → dedup → incident with the snapshot", async () => {
  await addWebhook(receiver.url);
  const rule = await postRule(t, "manager", "CPU at all", metric("cpu", ">=", 0), {
    forSeconds: 1,
    severity: "high",
    renotifySeconds: 1,
  });
  expect(rule.status).toBe(201);
  const { id: ruleId } = (await rule.json()) as { id: string };

  // The alert, with the host's state at that moment.
  const alert = await until("the rule's alert", async () => {
    const list = await (await t.as("analyst", "/api/v1/soc/alerts?source=rule")).json();
    return list.items.find((a: { dedupKey: string }) => a.dedupKey === `rule:${ruleId}`);
  });
  const detail = await (await t.as("analyst", `/api/v1/soc/alerts/${alert.id}`)).json();
  expect(detail.severity).toBe("high");
  const context = detail.context as {
    topCpu: { pid: number; name: string }[];
    topMemory: { pid: number; name: string }[];
    listening: { protocol: string; port: number; pid: number | null }[];
  };
  expect(context.topCpu.length).toBeGreaterThan(0);
  expect(context.topCpu.length).toBeLessThanOrEqual(10);
  expect(context.topMemory.length).toBeGreaterThan(0);
  expect(context.topMemory.some((p) => p.pid === process.pid)).toBe(true);
  // The server this test talks to listens in this process: the snapshot names it.
  expect(context.listening).toContainEqual(
    expect.objectContaining({ protocol: "tcp", port: Number(new URL(served.url).port), pid: process.pid }),
  );

  // Live to the analyst's open stream.
  const live = await until("the notification on the analyst's stream", () =>
    stream.events.find((e) => e.event === "notification.created" && e.data?.includes(`/soc/${alert.id}`)),
  );
  expect(JSON.parse(live.data ?? "{}")).toMatchObject({
    userId: t.users.analyst.id,
    link: `/soc/${alert.id}`,
  });

  // By e-mail.
  const mail = await until("the e-mail", () => smtp.mails.find((m) => m.raw.includes("CPU at all")));
  expect(mail.to).toEqual(["analyst@example.test"]);

  // By webhook, signed with the secret.
  const call = await until("the webhook call", () =>
    receiver.calls.find((c) => JSON.parse(c.body).data?.id === alert.id),
  );
  expect(call.headers.get("x-warden-event")).toBe("alert.fired");
  expect(verifiesAsReceiver(SECRET, call)).toBe(true);

  // Re-notified while it keeps firing: the same alert, counted.
  const counted = await until("a second firing counted on the same alert", async () => {
    const a = await (await t.as("analyst", `/api/v1/soc/alerts/${alert.id}`)).json();
    return a.count >= 2 ? a : null;
  });
  const all = await (await t.as("analyst", "/api/v1/soc/alerts?source=rule")).json();
  expect(all.items.filter((a: { dedupKey: string }) => a.dedupKey === `rule:${ruleId}`)).toHaveLength(1);

  // Escalated: the incident's timeline holds the snapshot.
  const escalated = await t.as(
    "analyst",
    `/api/v1/soc/alerts/${alert.id}/escalate`,
    jsonInit({ version: counted.version }),
  );
  expect(escalated.status).toBe(200);
  const { incidentId } = await escalated.json();
  const incident = await (await t.as("viewer", `/api/v1/incidents/${incidentId}`)).json();
  const entry = incident.timeline.find((e: { kind: string }) => e.kind === "alert");
  expect(entry.data.context.topCpu.length).toBeGreaterThan(0);
  expect(entry.data.context.topMemory.length).toBeGreaterThan(0);

  await t.as("manager", `/api/v1/soc/rules/${ruleId}`, { method: "DELETE" });
});

test("a webhook endpoint that is down is retried; the request that caused the event succeeds at once", async () => {
  const down = await addWebhook(`http://127.0.0.1:${closedPort()}/hook`);
  const raised = await t.as(
    "analyst",
    "/api/v1/soc/alerts",
    jsonInit({ title: "Beacon from build07", severity: "critical", host: "build07" }),
  );
  expect(raised.status).toBe(201);
  const delivery = await until("retries to the dead endpoint", async () => {
    const log = await (await t.as("admin", `/api/v1/integrations/webhooks/${down.id}/deliveries`)).json();
    const item = log.items[0];
    return item && item.attempts >= 2 ? item : null;
  });
  expect(delivery.lastStatusCode ?? null).toBeNull();
  expect(delivery.attemptLog.length).toBeGreaterThanOrEqual(2);
});
