import { eq } from "drizzle-orm";
import type { ConfigSource } from "../config/live.ts";
import type { Db } from "../db/client.ts";
import { type Role, users } from "../db/schema/users.ts";
import type { Actor } from "../kit/actor.ts";
import { INCIDENT_STATUSES, type IncidentStatus } from "../kit/incident-statuses.ts";
import type { Severity } from "../lib/severity.ts";
import { newAssetSchema } from "../modules/assets/input.ts";
import { addDependency } from "../modules/assets/relations.ts";
import { createAsset } from "../modules/assets/service.ts";
import { newDocumentSchema } from "../modules/documents/input.ts";
import { createDocument } from "../modules/documents/service.ts";
import { changeDocumentStatus } from "../modules/documents/status.ts";
import { changeIncidentStatus, commentOnIncident, createIncident } from "../modules/incidents/service.ts";
import { createUser } from "../modules/users/accounts.ts";
import { newVulnerabilitySchema } from "../modules/vulnerabilities/input.ts";
import { createVulnerability } from "../modules/vulnerabilities/service.ts";
import { seedSocDemo } from "./demo-soc.ts";

/** What seeding needs. */
export interface DemoDeps {
  db: Db;
  config: ConfigSource;
}

/** A demo account and the password generated for it (shown once). */
export interface DemoAccount {
  username: string;
  role: Role;
  password: string;
}

/** What a seed created; `alreadySeeded` when the demo data was there before. */
export interface DemoResult {
  alreadySeeded: boolean;
  accounts: DemoAccount[];
  incidents: number;
  assets: number;
  vulnerabilities: number;
  documents: number;
  alerts: number;
  cases: number;
}

type DemoVulnerability = [
  cveId: string | null,
  title: string,
  vector: string,
  daysAgo: number,
  assets: string[],
];

const VULNERABILITIES: DemoVulnerability[] = [
  [
    "CVE-2024-6387",
    "OpenSSH regreSSHion race condition",
    "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H",
    40,
    ["Web server WEB01", "Build agent 3"],
  ],
  [
    "CVE-2024-3094",
    "xz/liblzma backdoor",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    12,
    ["Build agent 3"],
  ],
  [
    "CVE-2023-44487",
    "HTTP/2 rapid reset",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H",
    95,
    ["Customer portal"],
  ],
  [
    null,
    "Default SNMP community on the core switch",
    "CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N",
    20,
    ["Core switch"],
  ],
  [
    "CVE-2021-44228",
    "Log4Shell in the reporting service",
    "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
    3,
    ["Orders database"],
  ],
];

type DemoDocument = [
  title: string,
  category: string,
  frameworks: string[],
  acknowledge: boolean,
  steps: string[],
  content: string,
];

const DOCUMENTS: DemoDocument[] = [
  [
    "Information security policy",
    "policy",
    ["ISO 27001", "SOC 2"],
    true,
    ["in_review", "approved", "published"],
    "## Purpose\n\nProtect the **confidentiality**, integrity and availability of company information.\n\n- Lock your screen when you leave it.\n- Report incidents within 4 hours.",
  ],
  [
    "Incident response procedure",
    "procedure",
    ["NIST CSF"],
    false,
    ["in_review", "approved", "published"],
    "1. Open an incident in Warden.\n2. Triage within 30 minutes.\n3. Contain, eradicate, recover, close.",
  ],
  [
    "Password standard",
    "standard",
    ["ISO 27001"],
    true,
    ["in_review"],
    "At least 14 characters; a password manager for every account; MFA everywhere.",
  ],
  [
    "Business continuity plan",
    "plan",
    ["ISO 22301"],
    false,
    [],
    "Draft: recovery objectives per service, to be agreed with the owners.",
  ],
];

type DemoAsset = [
  name: string,
  type: string,
  criticality: string,
  hostname: string,
  ip: string,
  os: string,
  tags: string[],
  dependsOn: string[],
];

const ASSETS: DemoAsset[] = [
  [
    "Customer portal",
    "application",
    "critical",
    "portal.example.test",
    "",
    "",
    ["web", "pci"],
    ["Web server WEB01", "Orders database"],
  ],
  [
    "Web server WEB01",
    "server",
    "high",
    "web01.example.test",
    "10.0.10.11",
    "Debian 12",
    ["web", "dmz"],
    ["Core switch"],
  ],
  [
    "Orders database",
    "database",
    "critical",
    "db01.example.test",
    "10.0.20.5",
    "PostgreSQL 16 on Debian 12",
    ["pci"],
    ["Core switch"],
  ],
  [
    "File server FS01",
    "server",
    "high",
    "fs01.example.test",
    "10.0.30.2",
    "Windows Server 2022",
    ["files"],
    ["Core switch"],
  ],
  ["Core switch", "network", "critical", "sw-core.example.test", "10.0.0.1", "", ["network"], []],
  [
    "Build agent 3",
    "server",
    "medium",
    "build03.example.test",
    "10.0.40.13",
    "Ubuntu 24.04",
    ["ci"],
    ["Core switch"],
  ],
  [
    "Finance laptop 17",
    "workstation",
    "medium",
    "fin-lt-17.example.test",
    "10.0.50.117",
    "Windows 11",
    ["finance"],
    [],
  ],
];

const PEOPLE: [username: string, name: string, role: Role][] = [
  ["demo.manager", "Maya Manager", "manager"],
  ["demo.analyst", "Arun Analyst", "analyst"],
  ["demo.responder", "Rosa Responder", "analyst"],
  ["demo.viewer", "Victor Viewer", "viewer"],
];

type DemoIncident = [
  title: string,
  severity: Severity,
  category: string,
  status: IncidentStatus,
  hoursAgo: number,
  text: string,
];

const INCIDENTS: DemoIncident[] = [
  [
    "Ransomware note found on file server FS01",
    "critical",
    "malware",
    "containment",
    6,
    "Users report `README_DECRYPT.txt` in shared folders.\n\n- FS01 isolated from the network\n- Backups of last night verified",
  ],
  [
    "Phishing wave impersonating the payroll portal",
    "high",
    "phishing",
    "eradication",
    30,
    "42 mails delivered, 3 users clicked. Credentials reset for all three.",
  ],
  [
    "Brute-force attempts against VPN gateway",
    "high",
    "access",
    "triage",
    3,
    "Spikes of failed logins from 198.51.100.0/24 since 02:00.",
  ],
  [
    "Unusual outbound traffic from build agent",
    "medium",
    "network",
    "new",
    1,
    "Steady 2 MB/s to 203.0.113.9:443 outside build hours.",
  ],
  [
    "Lost laptop reported by a sales engineer",
    "medium",
    "physical",
    "closed",
    120,
    "Disk encryption confirmed; device wiped remotely.",
  ],
  [
    "Expired TLS certificate on the customer portal",
    "low",
    "availability",
    "recovery",
    50,
    "Renewed; monitoring added for 30 days before expiry.",
  ],
  [
    "Suspicious PowerShell on finance workstation",
    "high",
    "malware",
    "containment",
    12,
    "Encoded command launched from an Office macro.",
  ],
  [
    "Open S3 bucket with marketing assets",
    "medium",
    "cloud",
    "closed",
    300,
    "Public read removed; no sensitive files found.",
  ],
  [
    "Admin account used outside office hours",
    "medium",
    "access",
    "triage",
    8,
    "Login at 03:14 from a known home IP; owner asked to confirm.",
  ],
  [
    "Port scan from a printer VLAN host",
    "low",
    "network",
    "new",
    2,
    "Sequential SYNs to 1–1024 on the server VLAN.",
  ],
  [
    "DNS queries to a known DGA domain",
    "high",
    "malware",
    "eradication",
    20,
    "Two hosts resolved rotating domains; reimaged.",
  ],
  [
    "Vendor shared credentials by e-mail",
    "informational",
    "policy",
    "closed",
    500,
    "Credentials rotated; vendor reminded of the policy.",
  ],
];

/** The workflow path from `new` to `status`: every step forward is an allowed move. */
function pathTo(status: IncidentStatus): IncidentStatus[] {
  return INCIDENT_STATUSES.slice(1, INCIDENT_STATUSES.indexOf(status) + 1);
}

/**
 * Fills a realistic demo data set — people of each role, incidents at every stage of
 * the workflow with comments, assets with their dependencies, vulnerabilities rated from
 * CVSS vectors on those assets, documents in several states, and SOC alerts and a case — through the same
 * services as the API (validated and audited). Only on request (`warden demo seed`); a second run changes nothing.
 */
export async function seedDemo(deps: DemoDeps, actor: Actor): Promise<DemoResult> {
  const [existing] = await deps.db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, PEOPLE[0]?.[0] ?? ""))
    .limit(1);
  if (existing)
    return {
      alreadySeeded: true,
      accounts: [],
      incidents: 0,
      assets: 0,
      vulnerabilities: 0,
      documents: 0,
      alerts: 0,
      cases: 0,
    };
  const accounts: DemoAccount[] = [];
  const ids: string[] = [];
  for (const [username, displayName, role] of PEOPLE) {
    const password = Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString("base64url");
    const user = await createUser(deps, actor, {
      email: `${username}@example.test`,
      username,
      displayName,
      role,
      password,
    });
    accounts.push({ username, role, password });
    ids.push(user.id);
  }
  const svc = { db: deps.db };
  const incidentIds: string[] = [];
  for (const [index, [title, severity, category, status, hoursAgo, text]] of INCIDENTS.entries()) {
    const incident = await createIncident(svc, actor, {
      title,
      severity,
      category,
      description: text,
      assignedTo: ids[1 + (index % 2)] ?? null,
      detectedAt: Date.now() - hoursAgo * 3_600_000,
    });
    incidentIds.push(incident.id);
    for (const step of pathTo(status)) await changeIncidentStatus(svc, actor, incident.id, { status: step });
    await commentOnIncident(svc, actor, incident.id, {
      body: `Timeline reviewed; next update in the **daily stand-up**.`,
    });
  }
  const assetIds = new Map<string, string>();
  for (const [name, assetType, criticality, hostname, ip, os, tags] of ASSETS) {
    const input = newAssetSchema.parse({
      name,
      assetType,
      criticality,
      hostname,
      ipAddresses: ip ? [ip] : [],
      os,
      tags,
      ownerText: "IT operations",
    });
    assetIds.set(name, (await createAsset(svc, actor, input)).id);
  }
  for (const [name, , , , , , , dependsOn] of ASSETS)
    for (const other of dependsOn)
      await addDependency(svc, actor, assetIds.get(name) ?? "", assetIds.get(other) ?? "");
  const sla = () => deps.config.get().vulnerabilities.sla;
  for (const [cveId, title, cvssVector, daysAgo, affected] of VULNERABILITIES) {
    const input = newVulnerabilitySchema.parse({
      cveId,
      title,
      cvssVector,
      discoveredAt: Date.now() - daysAgo * 86_400_000,
      assetIds: affected.map((name) => assetIds.get(name) ?? ""),
    });
    await createVulnerability({ ...svc, sla }, actor, input);
  }
  for (const [title, category, frameworks, requiresAcknowledgment, steps, content] of DOCUMENTS) {
    const input = newDocumentSchema.parse({
      title,
      category,
      frameworks,
      requiresAcknowledgment,
      content,
      ownerId: ids[0] ?? null,
    });
    const document = await createDocument(svc, actor, input);
    let version = document.version;
    for (const status of steps)
      version = (await changeDocumentStatus(svc, actor, document.id, { status: status as never, version }))
        .version;
  }
  // The first incident (ransomware, in containment) gets the escalated alert.
  const soc = await seedSocDemo(deps.db, actor, incidentIds[0] ?? "", ids[1] ?? null);
  return {
    alreadySeeded: false,
    accounts,
    incidents: INCIDENTS.length,
    assets: ASSETS.length,
    vulnerabilities: VULNERABILITIES.length,
    documents: DOCUMENTS.length,
    ...soc,
  };
}
