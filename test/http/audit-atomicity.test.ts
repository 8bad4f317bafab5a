/**
 * A change and its audit entry commit together (issue 16). With the audit log refusing
 * every insert (a trigger standing in for a crash or a failed write between the two), each
 * audited write answers a generic 500, leaves every table it touches as it was and
 * announces nothing on the bus; the very same request, with the audit log back, succeeds
 * (which also shows the failed one left no trace, such as a bumped version) and writes its
 * entry with the right action.
 */
import { describe, expect, test } from "bun:test";
import type { Role } from "../../src/db/schema/users.ts";
import { type BusEvent, TOPICS } from "../../src/realtime/bus.ts";
import { createdAs, jsonInit, useTestApp } from "../helpers/app.ts";
import { closedPort, LOOPBACK_ALLOWED } from "../helpers/receivers.ts";
import { metric } from "../helpers/rules.ts";

const t = useTestApp(LOOPBACK_ALLOWED);

/** One audited write: the tables it changes, the audit action it records, and the request. */
interface AuditedWrite {
  name: string;
  tables: string[];
  action: string;
  /** Creates what the write needs (with the audit log up) and answers the request to make. */
  prepare(): Promise<WriteRequest>;
}

async function created(role: Role, path: string, body: unknown): Promise<{ id: string; version: number }> {
  return createdAs(t, role, path, body);
}

const incident = () => created("analyst", "/api/v1/incidents", { title: "Phishing wave", severity: "high" });
const asset = () =>
  created("analyst", "/api/v1/cmdb/assets", { name: `web ${Bun.randomUUIDv7()}`, assetType: "server" });
const vulnerability = () =>
  created("analyst", "/api/v1/vulnerabilities", { title: "Outdated OpenSSL", severity: "high" });
const documentRecord = () =>
  created("analyst", "/api/v1/documents", { title: "Backup policy", category: "policy" });
const alert = () => created("analyst", "/api/v1/soc/alerts", { title: "Port scan", severity: "medium" });
const socCase = () => created("analyst", "/api/v1/soc/cases", { title: "Scan campaign" });

/** A request as the seeded user with `role` makes it: `method` on `path`, with `body` as JSON when given. */
interface WriteRequest {
  role: Role;
  path: string;
  init: RequestInit;
}

/** `role`'s request `to` ("METHOD /path"), with `body` as JSON when given, else none. */
function request(role: Role, to: string, body?: unknown): WriteRequest {
  const [method = "POST", path = ""] = to.split(" ");
  return { role, path, init: body === undefined ? { method } : jsonInit(body, method) };
}

/** Prepares a request on a record `make` creates first: `to` answers it given the record's id. */
function onNew(
  make: () => Promise<{ id: string }>,
  to: (id: string) => WriteRequest,
): () => Promise<WriteRequest> {
  return async () => to((await make()).id);
}

const WRITES: AuditedWrite[] = [
  {
    name: "create an incident",
    tables: ["incidents", "incident_events"],
    action: "incident.create",
    prepare: async () =>
      request("analyst", "POST /api/v1/incidents", {
        title: "Ransom note",
        severity: "critical",
        assignedTo: t.users.manager.id,
      }),
  },
  {
    name: "edit an incident",
    tables: ["incidents", "incident_events"],
    action: "incident.update",
    prepare: onNew(incident, (id) =>
      request("analyst", `PATCH /api/v1/incidents/${id}`, {
        version: 1,
        title: "Renamed",
        assignedTo: t.users.manager.id,
      }),
    ),
  },
  {
    name: "move an incident",
    tables: ["incidents", "incident_events"],
    action: "incident.status",
    prepare: onNew(incident, (id) =>
      request("analyst", `POST /api/v1/incidents/${id}/status`, {
        status: "triage",
        version: 1,
        note: "Looking",
      }),
    ),
  },
  {
    name: "comment on an incident",
    tables: ["incident_events"],
    action: "incident.comment",
    prepare: onNew(incident, (id) =>
      request("analyst", `POST /api/v1/incidents/${id}/comments`, { body: "Seen it" }),
    ),
  },
  {
    name: "link an asset to an incident",
    tables: ["incident_assets", "incident_events"],
    action: "incident.link",
    prepare: async () => {
      const [{ id }, target] = [await incident(), await asset()];
      return request("analyst", `POST /api/v1/incidents/${id}/links`, { kind: "asset", targetId: target.id });
    },
  },
  {
    name: "delete an incident",
    tables: ["incidents"],
    action: "incident.delete",
    prepare: onNew(incident, (id) => request("admin", `DELETE /api/v1/incidents/${id}`)),
  },
  {
    name: "create an asset",
    tables: ["assets"],
    action: "asset.create",
    prepare: async () =>
      request("analyst", "POST /api/v1/cmdb/assets", { name: "db01", assetType: "server" }),
  },
  {
    name: "edit an asset",
    tables: ["assets"],
    action: "asset.update",
    prepare: onNew(asset, (id) =>
      request("analyst", `PATCH /api/v1/cmdb/assets/${id}`, { version: 1, os: "Debian" }),
    ),
  },
  {
    name: "add an asset dependency",
    tables: ["asset_relations"],
    action: "asset.dependency.add",
    prepare: async () => {
      const [a, b] = [await asset(), await asset()];
      return request("analyst", `POST /api/v1/cmdb/assets/${a.id}/dependencies/${b.id}`);
    },
  },
  {
    name: "delete an asset",
    tables: ["assets"],
    action: "asset.delete",
    prepare: onNew(asset, (id) => request("admin", `DELETE /api/v1/cmdb/assets/${id}`)),
  },
  {
    name: "record a vulnerability",
    tables: ["vulnerabilities", "vulnerability_assets"],
    action: "vulnerability.create",
    prepare: onNew(asset, (id) =>
      request("analyst", "POST /api/v1/vulnerabilities", {
        title: "Weak TLS",
        severity: "medium",
        assetIds: [id],
      }),
    ),
  },
  {
    name: "move a vulnerability",
    tables: ["vulnerabilities"],
    action: "vulnerability.status",
    prepare: onNew(vulnerability, (id) =>
      request("analyst", `POST /api/v1/vulnerabilities/${id}/status`, { status: "in_progress", version: 1 }),
    ),
  },
  {
    name: "import vulnerabilities",
    tables: ["vulnerabilities"],
    action: "vulnerability.import",
    prepare: async () =>
      request("analyst", "POST /api/v1/vulnerabilities/import?dryRun=false", {
        format: "csv",
        content: "title,severity\nOld jQuery,low\nOpen SMB share,high\n",
      }),
  },
  {
    name: "restore a vulnerability",
    tables: ["vulnerabilities"],
    action: "vulnerability.restore",
    prepare: async () => {
      const { id } = await vulnerability();
      expect((await t.as("admin", `/api/v1/vulnerabilities/${id}`, { method: "DELETE" })).status).toBe(204);
      return request("admin", `POST /api/v1/vulnerabilities/${id}/restore`, {});
    },
  },
  {
    name: "create a document (its number is not used up)",
    tables: ["documents", "document_sequences"],
    action: "document.create",
    prepare: async () =>
      request("analyst", "POST /api/v1/documents", { title: "Access policy", category: "policy" }),
  },
  {
    name: "edit a document",
    tables: ["documents"],
    action: "document.update",
    prepare: onNew(documentRecord, (id) =>
      request("analyst", `PATCH /api/v1/documents/${id}`, { version: 1, title: "v2" }),
    ),
  },
  {
    name: "send a document to review",
    tables: ["documents", "document_versions"],
    action: "document.status",
    prepare: onNew(documentRecord, (id) =>
      request("analyst", `POST /api/v1/documents/${id}/status`, { status: "in_review", version: 1 }),
    ),
  },
  {
    name: "raise a SOC alert",
    tables: ["alerts"],
    action: "alert.create",
    prepare: async () =>
      request("analyst", "POST /api/v1/soc/alerts", { title: "Brute force", severity: "high" }),
  },
  {
    name: "acknowledge a SOC alert",
    tables: ["alerts", "alert_events"],
    action: "alert.status",
    prepare: onNew(alert, (id) =>
      request("analyst", `POST /api/v1/soc/alerts/${id}/status`, { status: "acknowledged", version: 1 }),
    ),
  },
  {
    name: "escalate a SOC alert to a new incident",
    tables: ["alerts", "alert_events", "incidents", "incident_events"],
    action: "incident.create",
    prepare: onNew(alert, (id) =>
      request("analyst", `POST /api/v1/soc/alerts/${id}/escalate`, { version: 1 }),
    ),
  },
  {
    name: "open a case with an alert",
    tables: ["cases", "case_alerts", "alert_events"],
    action: "case.create",
    prepare: onNew(alert, (id) =>
      request("analyst", "POST /api/v1/soc/cases", { title: "Grouped", alertIds: [id] }),
    ),
  },
  {
    name: "note on a case",
    tables: ["case_notes"],
    action: "case.note",
    prepare: onNew(socCase, (id) =>
      request("analyst", `POST /api/v1/soc/cases/${id}/notes`, { body: "Same source" }),
    ),
  },
  {
    name: "create a user",
    tables: ["users"],
    action: "user.create",
    prepare: async () =>
      request("admin", "POST /api/v1/users", {
        email: "new@example.test",
        username: "newcomer",
        password: "a-long-enough-password-1",
        role: "analyst",
      }),
  },
  {
    name: "deactivate a user",
    tables: ["users", "refresh_tokens"],
    action: "user.update",
    prepare: async () => request("admin", `PATCH /api/v1/users/${t.users.viewer.id}`, { isActive: false }),
  },
  {
    name: "change one's profile",
    tables: ["users"],
    action: "user.profile",
    prepare: async () => request("analyst", "PATCH /api/v1/auth/me", { displayName: "Ana Lyst" }),
  },
  {
    name: "create an API token",
    tables: ["api_tokens"],
    action: "token.create",
    prepare: async () => request("analyst", "POST /api/v1/tokens", { name: "ci" }),
  },
  {
    name: "create an alert rule",
    tables: ["alert_rules"],
    action: "rule.create",
    prepare: async () =>
      request("manager", "POST /api/v1/soc/rules", {
        name: "Many processes",
        condition: metric("processes", ">", 100_000),
        severity: "low",
      }),
  },
  {
    name: "add a webhook",
    tables: ["webhooks"],
    action: "webhook.create",
    prepare: async () =>
      request("admin", "POST /api/v1/integrations/webhooks", {
        name: "SIEM",
        url: "https://siem.example.com/hook",
        secret: "a-webhook-secret-of-some-length",
        events: ["incident.created"],
        enabled: false,
      }),
  },
];

/** Every row of `tables`, to compare before and after. */
async function dump(tables: string[]): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const table of tables)
    rows[table] = (await t.database.client.execute(`SELECT * FROM ${table} ORDER BY rowid`)).rows;
  return rows;
}

async function auditActions(): Promise<string[]> {
  const result = await t.database.client.execute("SELECT action FROM audit_log ORDER BY rowid");
  return result.rows.map((r) => String(r.action));
}

/** Runs `work` while every insert into `table` fails. */
async function withInsertsRefused<T>(table: string, work: () => Promise<T>): Promise<T> {
  await t.database.client.execute(
    `CREATE TRIGGER refuse_inserts BEFORE INSERT ON ${table} BEGIN SELECT RAISE(ABORT, '${table} down'); END`,
  );
  try {
    return await work();
  } finally {
    await t.database.client.execute("DROP TRIGGER refuse_inserts");
  }
}

describe("a change and its audit entry commit together", () => {
  for (const write of WRITES)
    test(`${write.name}: nothing changes without its audit entry, and it commits with one`, async () => {
      const request = await write.prepare();
      const before = await dump(write.tables);
      const trail = await auditActions();
      const announced: BusEvent[] = [];
      const stop = t.bus.subscribe([...TOPICS, "sessions", "users"], (event) => announced.push(event));
      try {
        const failed = await withInsertsRefused("audit_log", () =>
          t.as(request.role, request.path, request.init),
        );
        expect(failed.status).toBe(500);
        expect(failed.headers.get("Content-Type")).toBe("application/problem+json");
        const problem = await failed.json();
        expect(problem).toMatchObject({ type: "urn:warden:problem:internal", status: 500 });
        expect(JSON.stringify(problem)).not.toContain("audit_log down");
        expect(await dump(write.tables)).toEqual(before);
        expect(await auditActions()).toEqual(trail);
        expect(announced).toEqual([]);

        const done = await t.as(request.role, request.path, request.init);
        expect(done.status).toBeLessThan(300);
        expect(await dump(write.tables)).not.toEqual(before);
        expect((await auditActions()).slice(trail.length)).toContain(write.action);
      } finally {
        stop();
      }
    });
});

describe("webhook calls go into the outbox with the change", () => {
  test("an incident's creation and status move commit with their queued calls, or not at all", async () => {
    const hook = await created("admin", "/api/v1/integrations/webhooks", {
      name: "Outbox",
      url: `http://127.0.0.1:${closedPort()}/hook`,
      secret: "a-webhook-secret-of-some-length",
      events: ["incident.created", "incident.status_changed"],
    });
    const queued = async () =>
      (
        await t.database.client.execute({
          sql: "SELECT event FROM deliveries WHERE webhook_id = ? ORDER BY rowid",
          args: [hook.id],
        })
      ).rows.map((r) => String(r.event));
    const incidents = async () => (await dump(["incidents"])).incidents;
    const title = `Outbox ${Bun.randomUUIDv7()}`;
    const open = () => t.as("analyst", "/api/v1/incidents", jsonInit({ title, severity: "low" }));

    // The outbox refusing the call takes the change down with it: no incident nobody hears of.
    const before = await incidents();
    expect((await withInsertsRefused("deliveries", open)).status).toBe(500);
    expect(await incidents()).toEqual(before);
    const res = await open();
    expect(res.status).toBe(201);
    expect(await queued()).toEqual(["incident.created"]);

    const { id } = await res.json();
    const move = () =>
      t.as("analyst", `/api/v1/incidents/${id}/status`, jsonInit({ status: "triage", version: 1 }));
    const opened = await incidents();
    expect((await withInsertsRefused("deliveries", move)).status).toBe(500);
    expect(await incidents()).toEqual(opened);
    expect((await move()).status).toBe(200);
    expect(await queued()).toEqual(["incident.created", "incident.status_changed"]);
  });
});
