import { describe, expect, test } from "bun:test";
import type { Tree } from "../../src/config/flatten.ts";
import type { Role } from "../../src/db/schema/users.ts";
import { createTestApp, jsonInit, type TestApp } from "../helpers/app.ts";
import { useCleanups } from "../helpers/cleanups.ts";
import { until } from "../helpers/desktop.ts";
import { expectContains } from "../helpers/expect-text.ts";
import { startSmtpServer } from "../helpers/receivers.ts";

const cleanups = useCleanups();

async function appWithSmtp(smtp: Tree, notifications: Tree = {}): Promise<TestApp> {
  const t = await createTestApp({
    smtp: { host: "127.0.0.1", starttls: false, from: "Warden <warden@example.test>", ...smtp },
    notifications: { publicUrl: "https://warden.example.test", pollIntervalMs: 100, ...notifications },
  });
  cleanups.push(() => t.close());
  return t;
}

async function wantEmail(t: TestApp, role: Role) {
  const current = await (await t.as(role, "/api/v1/notifications/preferences")).json();
  const types = { ...current.types, assigned: { inApp: true, email: true } };
  const res = await t.as(role, "/api/v1/notifications/preferences", jsonInit({ ...current, types }, "PUT"));
  expect(res.status).toBe(200);
}

async function assignIncident(t: TestApp, to: Role) {
  const res = await t.as(
    "admin",
    "/api/v1/incidents",
    jsonInit({ title: "Beacon to 203.0.113.9", severity: "high", assignedTo: t.users[to].id }),
  );
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string };
}

describe("notification e-mail over SMTP", () => {
  test("an assignment reaches the assignee's mailbox on a real SMTP server, with an absolute link", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const t = await appWithSmtp({ port: smtp.port });
    expect((await (await t.as("analyst", "/api/v1/notifications/preferences")).json()).emailEnabled).toBe(
      true,
    );
    await wantEmail(t, "analyst");
    const incident = await assignIncident(t, "analyst");
    const mail = await until("the mail", () => smtp.mails[0]);
    expect(mail.to).toEqual(["analyst@example.test"]);
    expect(mail.from).toBe("warden@example.test");
    expectContains(mail.raw, [
      "Subject: =?UTF-8?Q?=5BWarden=5D_admin_assigned_you",
      'admin assigned you the incident "Beacon to 203.0.113.9"',
      `https://warden.example.test/incidents/${incident.id}`,
    ]);
    await t.notifier.worker.settled();
    const rows = await t.database.client.execute(
      "SELECT status, attempts FROM deliveries WHERE channel = 'email'",
    );
    expect(rows.rows.map((r) => [r.status, r.attempts])).toEqual([["sent", 1]]);
  });

  test("each person reads the notification and the e-mail in their own language", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const t = await appWithSmtp({ port: smtp.port });
    await t.database.client.execute({
      sql: "UPDATE users SET locale = 'de' WHERE id = ?",
      args: [t.users.analyst.id],
    });
    await wantEmail(t, "analyst");
    await assignIncident(t, "analyst");
    const mail = await until("the mail", () => smtp.mails[0]);
    expect(mail.raw).toContain("hat Ihnen den Vorfall");
    await t.notifier.settled();
    const rows = await t.database.client.execute({
      sql: "SELECT title FROM notifications WHERE user_id = ?",
      args: [t.users.analyst.id],
    });
    expect(rows.rows.map((r) => r.title)).toEqual([
      "admin hat Ihnen den Vorfall „Beacon to 203.0.113.9“ zugewiesen",
    ]);
  });

  test("with smtp.user and smtp.password the server sees an authenticated session; the password is never logged", async () => {
    const smtp = await startSmtpServer({ user: "warden", password: "smtp-pass-Very-Secret-42" });
    cleanups.push(() => smtp.stop());
    const t = await appWithSmtp({ port: smtp.port, user: "warden", password: "smtp-pass-Very-Secret-42" });
    await wantEmail(t, "manager");
    await assignIncident(t, "manager");
    const mail = await until("the mail", () => smtp.mails[0]);
    expect(mail.user).toBe("warden");
    expect(smtp.refusedLogins).toBe(0);
    expect(t.logs.join("\n")).not.toContain("smtp-pass-Very-Secret-42");
  });

  test("a wrong password: the request still succeeds, the e-mail stays in the outbox to retry, the error is logged without the password", async () => {
    const smtp = await startSmtpServer({ user: "warden", password: "the-right-one-123456" });
    cleanups.push(() => smtp.stop());
    // A long backoff: the first attempt is the only one this test sees.
    const t = await appWithSmtp(
      { port: smtp.port, user: "warden", password: "a-wrong-password-987" },
      { backoffBaseMs: 3_600_000 },
    );
    await wantEmail(t, "viewer");
    await assignIncident(t, "viewer");
    await until("a refused login", () => smtp.refusedLogins > 0);
    await t.notifier.worker.settled();
    const [row] = (await t.database.client.execute("SELECT status, last_error FROM deliveries")).rows;
    expect(row?.status).toBe("pending");
    expect(String(row?.last_error)).toContain("Invalid");
    expect(t.logs.join("\n")).not.toContain("a-wrong-password-987");
    expect(smtp.mails).toEqual([]);
  });

  test("users who did not ask for e-mail get none; without smtp.host nothing is queued", async () => {
    const smtp = await startSmtpServer();
    cleanups.push(() => smtp.stop());
    const t = await appWithSmtp({ port: smtp.port });
    await assignIncident(t, "analyst");
    await t.notifier.settled();
    await t.notifier.worker.settled();
    expect(smtp.mails).toEqual([]);
    const plain = await createTestApp();
    cleanups.push(() => plain.close());
    await wantEmail(plain, "analyst");
    await assignIncident(plain, "analyst");
    await plain.notifier.settled();
    expect((await plain.database.client.execute("SELECT count(*) AS n FROM deliveries")).rows[0]?.n).toBe(0);
  });
});
