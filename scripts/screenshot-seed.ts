/**
 * The data `scripts/screenshots.ts` shows: users, tokens, incidents, assets, vulnerabilities,
 * documents, scans, rules, SOC alerts and cases, notifications and webhooks, made through
 * the API of a running server as an admin would.
 */
import { DEMO_PROCESS_SNAPSHOT } from "../src/modules/soc/demo.ts";
import { apiSession, E2E_ADMIN, ensureAdmin, type WardenServer } from "../test/e2e/helpers.ts";
import { seedHosts } from "./screenshot-seed-hosts.ts";
import { seedRisks } from "./screenshot-seed-risks.ts";

/** Users, tokens and changes, so the tables and the audit log have something to show. */
export async function seed(server: WardenServer): Promise<void> {
  await ensureAdmin(server);
  const session = await apiSession(server.url, E2E_ADMIN.username, E2E_ADMIN.password);
  const api: Api = async (path, method, body) => (await session(path, method, body)) as { id: string };
  const people = [
    ["bob", "Bob Builder", "manager"],
    ["carol", "Carol Danvers", "analyst"],
    ["dave", "Dave Lister", "viewer"],
    ["erin", "Erin Brockovich-Ellis", "analyst"],
  ] as const;
  const ids: Record<string, string> = {};
  for (const [username, displayName, role] of people) {
    const user = await api("/users", "POST", {
      email: `${username}@example.test`,
      username,
      displayName,
      role,
      password: `${username}-initial-password-1`,
    });
    ids[username] = user.id;
  }
  await api(`/users/${ids.dave}`, "PATCH", { role: "analyst" });
  await api(`/users/${ids.erin}`, "PATCH", { isActive: false });
  await api("/tokens", "POST", { name: "ci-deploy", expiresInDays: 30 });
  const incidents = [
    ["Ransomware note on file server FS01", "critical", "malware", ["triage", "containment"]],
    ["Phishing wave against finance", "high", "phishing", ["triage"]],
    ["Unusual outbound traffic from build agent", "medium", "network", []],
    [
      "Lost laptop reported by sales",
      "low",
      "physical",
      ["triage", "containment", "eradication", "recovery", "closed"],
    ],
  ] as const;
  for (const [title, severity, category, moves] of incidents) {
    const incident = await api("/incidents", "POST", {
      title,
      severity,
      category,
      assignedTo: ids.carol,
      detectedAt: Date.now() - 5 * 3_600_000,
      description: `## What we know\n\n- Seen by **monitoring** at 09:12\n- Host isolated: \`no\`\n\nSee [runbook](https://example.com/runbook).`,
    });
    for (const status of moves)
      await api(`/incidents/${incident.id}/status`, "POST", { status, note: `Moved to ${status}.` });
    await api(`/incidents/${incident.id}/comments`, "POST", {
      body: "Pulled the **proxy logs** for the last 24 h.",
    });
  }
  const assets: Record<string, string> = {};
  for (const asset of [
    {
      name: "Checkout web",
      assetType: "application",
      criticality: "critical",
      ownerUserId: ids.carol,
      hostname: "shop.example.com",
      ipAddresses: ["203.0.113.40"],
      tags: ["prod", "pci", "public"],
    },
    {
      name: "Payments API",
      assetType: "application",
      criticality: "critical",
      ownerUserId: ids.carol,
      hostname: "api.pay.example.com",
      ipAddresses: ["10.20.0.21", "10.20.0.22", "2001:db8:20::21"],
      os: "Debian GNU/Linux 12",
      location: "DC1 · rack 4",
      tags: ["prod", "pci"],
      description:
        "Card payments for the shop.\n\n- Runbook: [payments](https://example.com/runbook)\n- On call: **payments team**",
    },
    {
      name: "Payments DB",
      assetType: "database",
      criticality: "critical",
      ownerText: "DBA team",
      hostname: "db01.pay.example.com",
      ipAddresses: ["10.20.0.11", "10.20.0.12"],
      os: "PostgreSQL 16 on Debian 12",
      location: "DC1 · rack 4",
      tags: ["prod", "pci", "backup-daily"],
    },
    {
      name: "Edge firewall",
      assetType: "network",
      criticality: "high",
      hostname: "fw01.example.com",
      ipAddresses: ["203.0.113.1", "10.0.0.1"],
      os: "OPNsense 25.1",
      tags: ["edge"],
    },
    {
      name: "Object storage",
      assetType: "cloud",
      criticality: "high",
      location: "eu-west-1",
      tags: ["backup"],
    },
    {
      name: "Build agent 3",
      assetType: "workstation",
      criticality: "medium",
      status: "maintenance",
      ownerUserId: ids.bob,
    },
    {
      name: "Old mail relay",
      assetType: "server",
      criticality: "low",
      status: "retired",
      hostname: "mx-old.example.com",
    },
    {
      name: "Cold room sensors",
      assetType: "iot",
      criticality: "low",
      status: "planned",
      tags: ["facilities"],
    },
  ]) {
    assets[asset.name] = (await api("/cmdb/assets", "POST", asset)).id;
  }
  for (const [from, to] of [
    ["Checkout web", "Payments API"],
    ["Payments API", "Payments DB"],
    ["Payments API", "Edge firewall"],
    ["Payments DB", "Object storage"],
  ] as const)
    await api(`/cmdb/assets/${assets[from]}/dependencies/${assets[to]}`, "POST", {});
  /** Found `days` ago on the assets named. */
  const found = (days: number, ...on: string[]) => ({
    assetIds: on.map((name) => assets[name]),
    discoveredAt: Date.now() - days * 86_400_000,
  });
  for (const vulnerability of [
    {
      cveId: "CVE-2024-3094",
      title: "xz/liblzma backdoor in sshd",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
      ...found(10, "Build agent 3", "Payments API"),
      description:
        "Malicious code in **xz 5.6.0/5.6.1** lets a remote attacker bypass sshd authentication.\n\n- Downgrade xz to 5.4.6\n- Rebuild affected images",
    },
    {
      cveId: "CVE-2024-6387",
      title: "OpenSSH regreSSHion race condition",
      cvssVector: "CVSS:4.0/AV:N/AC:H/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
      ...found(3, "Edge firewall", "Payments API", "Payments DB"),
    },
    {
      title: "TLS 1.0 still offered on the payments API",
      severity: "medium",
      status: "in_progress",
      ...found(20, "Payments API"),
    },
    {
      cveId: "CVE-2023-44487",
      title: "HTTP/2 rapid reset",
      cvssVector: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
      status: "mitigated",
      ...found(40, "Checkout web"),
    },
    {
      title: "Banner discloses nginx version",
      severity: "informational",
      assetIds: [assets["Checkout web"]],
    },
  ])
    await api("/vulnerabilities", "POST", vulnerability);
  await seedRisks(server, api, ids, assets);
  await seedHosts(server.url, api);
  await seedDocuments(server, api, ids);
  await seedScans(api);
  const old = await api("/tokens", "POST", { name: "old-laptop" });
  await api(`/tokens/${old.id}`, "DELETE", undefined);
}

/** Calls the API as the admin; answers the JSON (`id` of what a POST made). */
type Api = (path: string, method: string, body: unknown) => Promise<{ id: string }>;

/** Two scans of loopback listeners opened here (the second finds one newly open port) and two schedules. */
async function seedScans(api: Api): Promise<void> {
  const listen = (banner?: string) =>
    Bun.listen({
      hostname: "127.0.0.1",
      port: 0,
      socket: { open: (socket) => void (banner && socket.write(banner)), data() {} },
    });
  const ssh = listen("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n");
  const web = listen();
  const late = listen("220 mail.example.test ESMTP Postfix\r\n");
  const ports = [ssh.port, web.port, late.port, 22, 80].join(",");
  late.stop(true);
  const finished = async (id: string) => {
    for (let i = 0; i < 100; i++) {
      const detail = (await api(`/scans/${id}`, "GET", undefined)) as unknown as { scan: { status: string } };
      if (detail.scan.status !== "queued" && detail.scan.status !== "running") return;
      await Bun.sleep(100);
    }
  };
  await finished((await api("/scans", "POST", { target: "127.0.0.1", ports })).id);
  const reopened = Bun.listen({
    hostname: "127.0.0.1",
    port: late.port,
    socket: { open: (s) => void s.write("220 ESMTP\r\n"), data() {} },
  });
  await finished((await api("/scans", "POST", { target: "127.0.0.1", ports })).id);
  // Scanned: they need not hold the script open once the screenshots are taken.
  for (const listener of [ssh, web, reopened]) listener.unref();
  await api("/scans", "POST", { target: "localhost", ports: "top100" });
  await api("/scan-schedules", "POST", {
    name: "Nightly loopback",
    cron: "0 3 * * *",
    target: "127.0.0.1",
    ports: "top1000",
  });
  await api("/scan-schedules", "POST", {
    name: "Hourly web ports",
    cron: "15 * * * *",
    enabled: false,
    target: "localhost",
    ports: "80,443,8000-8100",
  });
}

/** Documents in every state: one published twice (versions, a diff) that asks for acknowledgment. */
async function seedDocuments(server: WardenServer, api: Api, ids: Record<string, string>): Promise<void> {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const move = async (id: string, steps: string[]) => {
    for (const status of steps) await api(`/documents/${id}/status`, "POST", { status });
  };
  const policy = await api("/documents", "POST", {
    title: "Information security policy",
    category: "policy",
    frameworks: ["ISO 27001", "SOC 2", "NIST CSF"],
    nextReviewAt: day(180),
    requiresAcknowledgment: true,
    content:
      "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n## Rules\n\n- Lock your screen when you leave it.\n- Report incidents within 24 hours.\n- Use the password manager.\n\nSee the [incident procedure](https://example.com/incident).",
  });
  await move(policy.id, ["in_review", "approved", "published", "in_review"]);
  const current = (await api(`/documents/${policy.id}`, "GET", undefined)) as unknown as { version: number };
  await api(`/documents/${policy.id}`, "PATCH", {
    version: current.version,
    content:
      "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n## Rules\n\n- Lock your screen when you leave it.\n- Report incidents within 4 hours.\n- Use the password manager.\n- Enable multi-factor sign-in everywhere.\n\nSee the [incident procedure](https://example.com/incident).",
  });
  await move(policy.id, ["approved", "published"]);
  const bob = await fetch(`${server.url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ login: "bob", password: "bob-initial-password-1" }),
  }).then((r) => r.json() as Promise<{ accessToken: string }>);
  await fetch(`${server.url}/api/v1/documents/${policy.id}/acknowledge`, {
    method: "POST",
    headers: { Authorization: `Bearer ${bob.accessToken}` },
  });
  const plan = await api("/documents", "POST", {
    title: "Incident response plan",
    category: "plan",
    frameworks: ["NIST CSF"],
    nextReviewAt: day(-3),
    ownerId: ids.carol,
    content: "Who to call, in order.",
  });
  await move(plan.id, ["in_review"]);
  const standard = await api("/documents", "POST", {
    title: "Password standard",
    category: "standard",
    frameworks: ["ISO 27001"],
    nextReviewAt: day(365),
    requiresAcknowledgment: true,
    content: "At least 14 characters; a password manager for everything.",
  });
  await move(standard.id, ["in_review", "approved"]);
  await api("/documents", "POST", {
    title: "Backup and restore procedure",
    category: "procedure",
    ownerId: ids.carol,
    content: "Nightly backups, tested monthly.",
  });
  const guideline = await api("/documents", "POST", {
    title: "Remote work guideline",
    category: "guideline",
    nextReviewAt: day(0),
    content: "Work from trusted networks.",
  });
  await move(guideline.id, ["in_review", "approved", "published"]);
  const record = await api("/documents", "POST", {
    title: "2025 access review",
    category: "record",
    frameworks: ["SOC 2"],
    content: "Every account reviewed; 3 removed.",
  });
  await move(record.id, ["in_review", "approved", "published", "archived"]);
  const rules = [
    {
      name: "Many processes",
      condition: { type: "metric", series: "processes", operator: ">", threshold: 5, clear: 3 },
      severity: "low",
      renotifySeconds: 3600,
    },
    {
      name: "Backup agent down",
      condition: { type: "process_absent", name: "backup-agent" },
      severity: "high",
    },
    {
      name: "Outbound traffic above 50 MB/s",
      condition: { type: "metric", series: "network_out", operator: ">", threshold: 50_000_000 },
      forSeconds: 120,
      severity: "medium",
    },
    {
      name: "Var almost full",
      condition: { type: "metric", series: "disk", mount: "/var", operator: ">=", threshold: 95 },
      severity: "critical",
      enabled: false,
    },
  ];
  for (const rule of rules) await api("/soc/rules", "POST", rule);
  await seedSoc(api);
  await seedNotifications(server, api, bob.accessToken);
}

/** SOC alerts from rules, scans and the API (one firing often), a case, and one escalated alert. */
async function seedSoc(api: Api) {
  const processes = { rule: "cpu-high", threshold: "90% for 5 min", ...DEMO_PROCESS_SNAPSHOT };
  const raise = (body: Record<string, unknown>) => api("/soc/alerts", "POST", body);
  const miner = {
    title: "Crypto miner suspected on web01",
    severity: "critical",
    host: "web01",
    dedupKey: "cpu:web01",
    techniques: ["T1496.001"],
  };
  for (let n = 0; n < 4; n++) await raise({ ...miner, context: processes });
  for (let n = 0; n < 12; n++)
    await raise({
      title: "SSH brute force from 203.0.113.7",
      severity: "high",
      host: "bastion",
      dedupKey: "ssh:203.0.113.7",
      techniques: ["T1110.001"],
      context: { sourceIp: "203.0.113.7", attempts: 340 + n },
    });
  await raise({
    title: "Disk /var 92% full on db01",
    severity: "medium",
    host: "db01",
    context: { usedPercent: 92.4 },
  });
  const signIn = await raise({
    title: "Sign-in from an unusual country for j.doe",
    severity: "medium",
    techniques: ["T1078.004"],
  });
  const forward = await raise({
    title: "Mailbox forwarding rule created for j.doe",
    severity: "high",
    techniques: ["T1114.003"],
  });
  await raise({ title: "Encoded PowerShell on ws-12", severity: "high", techniques: ["T1059.001", "T1027"] });
  await raise({
    title: "PowerShell download cradle on ws-12",
    severity: "high",
    techniques: ["T1059.001", "T1105"],
  });
  await api("/threats", "POST", {
    name: "Ransomware affiliate",
    category: "adversary",
    description: "Buys access, moves laterally with **valid accounts**, encrypts file servers.",
    techniques: ["T1078", "T1486", "T1490", "T1059.001"],
  });
  await raise({ title: "Antivirus signatures outdated on laptop-7", severity: "low", host: "laptop-7" });
  for (const vendor of [
    {
      name: "Northwind Payroll",
      service: "Payroll and HR",
      tier: "critical",
      dataAccess: "personal",
      contact: "it@northwind.example",
    },
    {
      name: "Contoso Mail",
      service: "Hosted e-mail",
      tier: "high",
      dataAccess: "confidential",
      description: "Hosts **all** staff mailboxes.",
    },
    { name: "Tailspin Print", service: "Office printers", tier: "low", dataAccess: "internal" },
  ])
    await api("/vendors", "POST", vendor);
  const k = await api("/soc/cases", "POST", {
    title: "Possible account takeover: j.doe",
    description: "A sign-in from abroad, then a **forwarding rule**.",
    alertIds: [signIn.id, forward.id],
  });
  await api(`/soc/cases/${k.id}/notes`, "POST", { body: "Asked j.doe whether they travel." });
  const escalated = await raise({
    title: "Miner process on build03",
    severity: "critical",
    host: "build03",
    context: processes,
  });
  await api(`/soc/alerts/${escalated.id}/escalate`, "POST", { version: 1 });
}

/**
 * Notifications for the signed-in admin (Bob assigns them work and comments on it) and two
 * webhooks: one to a local receiver that answers, one to a port where nothing listens.
 */
async function seedNotifications(server: WardenServer, api: Api, bobToken: string): Promise<void> {
  const me = (await api("/auth/me", "GET", undefined)) as unknown as { id: string };
  const asBob = (path: string, body: unknown) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${bobToken}` },
      body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ id: string }>);
  const breach = await asBob("/incidents", {
    title: "Credential stuffing against the customer portal",
    severity: "high",
    assignedTo: me.id,
  });
  await asBob(`/incidents/${breach.id}/comments`, { body: "Blocked the top 20 source addresses." });
  await asBob("/vulnerabilities", {
    title: "Outdated OpenSSL on the mail relay",
    severity: "critical",
    discoveredAt: Date.now() - 20 * 86_400_000,
    assignedTo: me.id,
  });
  const receiver = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch: () => new Response(null, { status: 204 }),
  });
  const siem = await api("/integrations/webhooks", "POST", {
    name: "SIEM intake",
    url: `http://127.0.0.1:${receiver.port}/hooks/warden`,
    secret: "whsec_screenshot-secret-0001",
    events: ["incident.created", "incident.assigned", "alert.fired", "vulnerability.overdue"],
  });
  await api(`/integrations/webhooks/${siem.id}/test`, "POST", undefined);
  const chat = await api("/integrations/webhooks", "POST", {
    name: "Team chat",
    url: "http://127.0.0.1:9/chat",
    secret: "whsec_screenshot-secret-0002",
    events: ["incident.created"],
    enabled: false,
  });
  await api(`/integrations/webhooks/${chat.id}/test`, "POST", undefined);
  await api("/incidents", "POST", { title: "Webhook smoke test", severity: "low" });
  // It keeps answering the "send test" of the webhook screenshot, without holding the script open.
  receiver.unref();
}
